import { readFileSync } from 'node:fs';
import { AuditEntry } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, errorOf, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';
import {
  PROCEDURE_CASES,
  seedOneOfEverything,
  walkedProcedures,
  type OrganizationIds,
} from './procedure-cases';

// Enforces the permissions table of docs/architecture.md ("Permissions"): the table is the source.
type Role = 'owner' | 'admin' | 'staff';

const AREA_ROUTERS: Record<string, string> = {
  'Clients and pools': 'clients',
  Appointments: 'appointments',
  'Finance entries': 'finance',
  Dashboard: 'dashboard',
  'Audit log': 'audit',
  Sync: 'sync',
};

/** `{ 'finance.archive': { owner: true, admin: true, staff: false }, … }` from the docs' table. */
function documentedPermissions(): Map<string, Record<Role, boolean>> {
  const docs = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
  const section = docs.split('\n## Permissions')[1]?.split('\n## ')[0] ?? '';
  const table = new Map<string, Record<Role, boolean>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const [area, procedures] = (cells[1] ?? '').split(':').map((part) => part.trim());
    const router = area ? AREA_ROUTERS[area] : undefined;
    if (!router || !procedures) continue;
    const allowed = { owner: cells[2] === 'yes', admin: cells[3] === 'yes', staff: cells[4] === 'yes' };
    for (const name of procedures.split(',')) {
      const path = `${router}.${name.trim()}`;
      expect(table.has(path), `${path} is listed twice`).toBe(false);
      table.set(path, allowed);
    }
  }
  return table;
}

let server: TestServer;
let members: Record<Role, SignedIn>;
let ids: OrganizationIds;

beforeAll(async () => {
  server = await startTestServer();
  const owner = await signUpOwner(server);
  members = {
    owner,
    admin: await addMember(server, owner.orgId, 'admin'),
    staff: await addMember(server, owner.orgId, 'staff'),
  };
  ids = await seedOneOfEverything(server, owner);
});

afterAll(async () => {
  await server.close();
});

describe(`permissions on ${process.env['TEST_DIALECT']}`, () => {
  it('documents every procedure of the data routers, and nothing else', () => {
    const documented = [...documentedPermissions().keys()].sort();
    expect(documented).toEqual(walkedProcedures());
  });

  it('lets each role call exactly what the table says', async () => {
    const table = documentedPermissions();
    const mismatches: string[] = [];
    // Reads first, and the owner last, so that archives by others do not hide what comes after.
    const order = walkedProcedures().sort(
      (a, b) => Number(PROCEDURE_CASES[a]?.kind === 'write') - Number(PROCEDURE_CASES[b]?.kind === 'write'),
    );
    for (const role of ['staff', 'admin', 'owner'] as const) {
      for (const path of order) {
        const allowed = table.get(path)?.[role];
        const call = PROCEDURE_CASES[path]?.call(members[role].client, ids) ?? Promise.resolve();
        const auditBefore = await server.database.fork().count(AuditEntry, {}, { filters: false });
        const error = await errorOf(call.then(() => Promise.reject(new Error('succeeded')))).catch(
          () => undefined,
        );
        const forbidden = error?.data?.code === 'FORBIDDEN';
        if (allowed && forbidden) mismatches.push(`${role} refused ${path}`);
        if (!allowed && !forbidden) mismatches.push(`${role} allowed ${path} (${error?.data?.code ?? 'ok'})`);
        if (!allowed) {
          const auditAfter = await server.database.fork().count(AuditEntry, {}, { filters: false });
          if (auditAfter !== auditBefore) mismatches.push(`${role}'s refused ${path} changed data`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
