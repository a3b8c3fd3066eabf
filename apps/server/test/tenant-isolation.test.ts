import { AuditEntry, SyncCounter, type SyncedEntity } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';
import {
  PROCEDURE_CASES,
  seedOneOfEverything,
  walkedProcedures,
  type OrganizationIds,
} from './procedure-cases';

// Walks every procedure of the data routers as a member of another organization, with this
// organization's ids: each call is refused as NOT_FOUND or FORBIDDEN, or answers without any of this
// organization's data, and afterwards nothing of this organization has changed.
let server: TestServer;
let victim: SignedIn;
let stranger: SignedIn;
let ids: OrganizationIds;

beforeAll(async () => {
  server = await startTestServer();
  victim = await signUpOwner(server, { organizationName: 'Piscinas Vítima' });
  stranger = await signUpOwner(server, { organizationName: 'Piscinas Estranha' });
  ids = await seedOneOfEverything(server, victim);
});

afterAll(async () => {
  await server.close();
});

/** Everything of the victim's organization that a leak could change, read around the API. */
async function snapshotOf(orgId: string) {
  const em = server.database.fork();
  const rows: string[] = [];
  for (const entity of ['Client', 'Pool', 'Appointment', 'FinanceEntry', 'Notification']) {
    const found = (await em.find(entity, { organization: orgId }, { filters: false })) as SyncedEntity[];
    rows.push(...found.map((row) => `${entity}:${row.id}:${row.version}:${row.syncVersion}`));
  }
  const audit = await em.count(AuditEntry, { organization: orgId }, { filters: false });
  const counter = await em.findOne(SyncCounter, { organization: orgId });
  return { rows: rows.sort(), audit, counter: counter?.lastVersion };
}

async function outcomeOf(promise: Promise<unknown>) {
  let value: unknown;
  const error = await errorOf(
    promise.then((result) => {
      value = result;
      throw new Error('succeeded');
    }),
  ).catch(() => undefined);
  return error ? { ok: false as const, code: String(error.data?.code) } : { ok: true as const, value };
}

function victimMarkers(): string[] {
  return [
    ids.orgId,
    ids.clientId,
    ids.poolId,
    ids.appointmentId,
    ids.doneAppointmentId,
    ids.financeEntryId,
    ids.membershipId,
    'Vitória',
    '52998224725',
  ];
}

describe(`tenant isolation on ${process.env['TEST_DIALECT']}`, () => {
  it('has a case for every procedure of the data routers', () => {
    const procedures = walkedProcedures();
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.filter((path) => !PROCEDURE_CASES[path])).toEqual([]);
    expect(Object.keys(PROCEDURE_CASES).filter((path) => !procedures.includes(path))).toEqual([]);
  });

  it("finds this organization's data when its own member makes the read calls (so a leak would show)", async () => {
    for (const path of walkedProcedures()) {
      const testCase = PROCEDURE_CASES[path];
      if (testCase?.kind !== 'read' || path === 'dashboard.summary') continue;
      const json = JSON.stringify(await testCase.call(victim.client, ids));
      expect(
        victimMarkers().some((marker) => json.includes(marker)),
        path,
      ).toBe(true);
    }
  });

  it("answers another organization's member with NOT_FOUND, FORBIDDEN or nothing of ours", async () => {
    const before = await snapshotOf(ids.orgId);
    const emptySummary = await stranger.client.dashboard.summary.query({});
    const procedures = walkedProcedures().sort(
      (a, b) => Number(PROCEDURE_CASES[a]?.kind === 'write') - Number(PROCEDURE_CASES[b]?.kind === 'write'),
    );
    const leaks: string[] = [];
    for (const path of procedures) {
      const testCase = PROCEDURE_CASES[path];
      if (!testCase) continue;
      const outcome = await outcomeOf(testCase.call(stranger.client, ids));
      if (!outcome.ok) {
        if (!['NOT_FOUND', 'FORBIDDEN'].includes(outcome.code)) leaks.push(`${path}: ${outcome.code}`);
        continue;
      }
      const json = JSON.stringify(outcome.value);
      const leaked = victimMarkers().filter((marker) => json.includes(marker));
      if (leaked.length > 0) leaks.push(`${path}: answered with ${leaked.join(', ')}`);
      if (path === 'clients.create') continue; // lands in the stranger's own organization, checked below
      if (testCase.kind === 'write') leaks.push(`${path}: a write with foreign ids succeeded`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOf(ids.orgId)).toEqual(before);
    // The stranger's dashboard counts nothing of ours (taken before its own client was created).
    expect(emptySummary.activeClients).toBe(0);
    expect(emptySummary.totals).toEqual({ pendingCents: 0, overdueCents: 0, paidCents: 0 });
  });

  it('refuses every procedure when the caller names an organization it is not a member of', async () => {
    const before = await snapshotOf(ids.orgId);
    const spoofing = server.client({ accessToken: () => stranger.accessToken, orgId: () => ids.orgId });
    const answers: string[] = [];
    for (const path of walkedProcedures()) {
      const outcome = await outcomeOf(PROCEDURE_CASES[path]?.call(spoofing, ids) ?? Promise.resolve());
      answers.push(`${path}: ${outcome.ok ? 'ok' : outcome.code}`);
    }
    expect(answers).toEqual(walkedProcedures().map((path) => `${path}: NOT_FOUND`));
    expect(await snapshotOf(ids.orgId)).toEqual(before);
  });
});
