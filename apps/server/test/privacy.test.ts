// LGPD: the organization export (every table's rows of the organization, none of another), account erasure
// and organization deletion with its grace period — and, after each, a search of every column of every
// table for what must be gone.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  maintenanceJobs,
  exportsDirectory,
  EXPORT_TTL_MS,
  runPendingExports,
  planOrganizationTables,
  type AnyRow,
} from '@picineiros/api/server';
import { AuditEntry, LoginEvent, MailMessage, Membership, Organization, User } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import {
  addMember,
  createClock,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';

const DAY = 24 * 60 * 60 * 1000;
const clock = createClock(new Date('2026-06-01T12:00:00Z'));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { PUBLIC_URL: 'https://app.picineiros.test' } });
});
afterAll(async () => {
  await server.close();
});

// Valid CPFs (check digits computed).
const CPF_A = '52998224725';
const CPF_B = '11144477735';

/**
 * An organization with a row in every kind of table (clients, pools, visits, entries, reads, a member…),
 * made through the API by its owner and a staff member, so the export and the erasure meet the rows and
 * the audit trail the app really writes.
 */
async function seedEveryTable(tag: string, document: string) {
  const owner = await signUpOwner(server, {
    name: `Dona ${tag}`,
    organizationName: `Piscinas ${tag}`,
  });
  const staff = await addMember(server, owner.orgId, 'staff');
  const client = await owner.client.clients.create.mutate({
    name: `Cliente ${tag}`,
    document,
    email: `cliente.${tag.toLowerCase()}@example.com`,
    phone: '11987654321',
    pools: [{ type: 'vinyl' }],
  });
  const appointment = await staff.client.appointments.create.mutate({
    clientId: client.id,
    poolId: client.pools[0]?.id,
    date: '2026-06-02',
    startTime: '09:00',
  });
  await owner.client.finance.create.mutate({
    clientId: client.id,
    description: `Manutenção ${tag}`,
    amountCents: 15000,
    dueDate: '2026-06-10',
  });
  const notifications = await owner.client.notifications.list.query({ page: 1, pageSize: 10 });
  const first = notifications.items[0];
  if (first) await owner.client.notifications.markRead.mutate({ id: first.id });
  await owner.client.calendar.rotateSecret.mutate();
  await owner.client.members.invite.mutate({
    email: `convidado.${tag.toLowerCase()}@example.com`,
    role: 'staff',
  });
  return { owner, staff, clientId: client.id, appointmentId: appointment.id, tag };
}

/** A fresh sign-in (access tokens last 15 minutes; these tests move the clock by days). */
async function signInAgain(user: SignedIn): Promise<SignedIn> {
  const login = await server
    .client()
    .auth.login.mutate({ email: user.email, password: user.password, client: 'desktop' });
  return {
    ...user,
    accessToken: login.accessToken,
    client: server.client({ accessToken: () => login.accessToken, orgId: () => user.orgId }),
  };
}

async function download(user: SignedIn, path: string) {
  return fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${user.accessToken}`, 'x-org-id': user.orgId },
  });
}

function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) {
        reject(error);
        return;
      }
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) {
            reject(streamError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
          });
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        resolve(files);
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Every row of every table of the database (read from the catalogue, not the ORM), as lower-case text. */
async function everyRowAsText(): Promise<{ table: string; text: string }[]> {
  const connection = server.database.orm.em.getConnection();
  const tables =
    server.dialect === 'postgresql'
      ? (
          await connection.execute<{ name: string }[]>(
            "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
          )
        ).map((row) => row.name)
      : (
          await connection.execute<{ name: string }[]>(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
          )
        ).map((row) => row.name);
  const result: { table: string; text: string }[] = [];
  for (const table of tables) {
    const rows = await connection.execute<Record<string, unknown>[]>(`select * from "${table}"`);
    for (const row of rows) result.push({ table, text: JSON.stringify(row).toLowerCase() });
  }
  return result;
}

async function findTraces(needles: string[]): Promise<string[]> {
  const rows = await everyRowAsText();
  return needles.flatMap((needle) =>
    rows
      .filter((row) => row.text.includes(needle.toLowerCase()))
      .map((row) => `${needle} in ${row.table}: ${row.text.slice(0, 200)}`),
  );
}

describe('organization export', () => {
  it('puts every row of every organization table in the ZIP, once, for owners only', async () => {
    const a = await seedEveryTable('Aurora', CPF_A);
    const b = await seedEveryTable('Boreal', CPF_B);
    // A sign-in of a member from before they joined is theirs, not the organization's (as in audit.logins).
    const before = server.database.fork();
    const longAgo = new Date('2020-01-01T00:00:00Z');
    const earlier = before.create(LoginEvent, {
      outcome: 'success',
      email: a.staff.email,
      user: before.getReference(User, a.staff.userId),
      at: longAgo,
      createdAt: longAgo,
    });
    await before.flush();

    const plan = planOrganizationTables(server.database.orm.getMetadata());
    expect(plan.unclassified).toEqual([]);

    expect((await errorOf(a.staff.client.privacy.requestExport.mutate())).data?.code).toBe('FORBIDDEN');
    const requested = await a.owner.client.privacy.requestExport.mutate();
    expect(requested.status).toBe('queued');
    expect((await errorOf(a.owner.client.privacy.requestExport.mutate())).data?.code).toBe('CONFLICT');
    expect((await errorOf(a.staff.client.privacy.exportStatus.query())).data?.code).toBe('FORBIDDEN');

    const run = await runPendingExports(server.database, { dataDir: server.config.dataDir, clock });
    expect(run).toMatchObject({ built: 1, failed: 0 });
    const status = await a.owner.client.privacy.exportStatus.query();
    const ready = status.exports[0];
    expect(ready).toMatchObject({ id: requested.id, status: 'ready', progress: 100 });
    const path = ready?.downloadPath ?? '';
    expect(path).toBe(`/exports/${requested.id}.zip`);

    // Another organization's owner: as if it did not exist. A member who is not an owner: forbidden.
    expect((await download(b.owner, path)).status).toBe(404);
    expect((await download(a.staff, path)).status).toBe(403);
    expect((await fetch(`${server.url}${path}`)).status).toBe(401);

    const response = await download(a.owner, path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = await unzip(Buffer.from(await response.arrayBuffer()));
    expect(files.has('LEIA-ME.txt')).toBe(true);

    // Every table of the plan, with exactly the organization's rows, compared with the database.
    const em = server.database.fork();
    const membership = await em.find(Membership, { organization: a.owner.orgId }, { filters: false });
    const scope = {
      organizationId: a.owner.orgId,
      members: membership.map((row) => ({ userId: row.user.id, joinedAt: row.createdAt })),
    };
    const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as {
      tables: { table: string; rows: number }[];
    };
    for (const table of plan.tables) {
      const name = table.meta.tableName;
      const json = files.get(`${name}.json`);
      expect(json, name).toBeDefined();
      expect(files.get(`${name}.csv`), name).toBeDefined();
      const exported = JSON.parse(json ?? '[]') as Record<string, unknown>[];
      const primaryKey = table.meta.primaryKeys[0] === 'id' ? 'id' : 'organizationId';
      const rows = await em.find<AnyRow>(table.meta.className, table.where(scope), {
        filters: false,
      });
      const ids = rows
        .map((row) => {
          const value = (row as Record<string, unknown>)[table.meta.primaryKeys[0] ?? 'id'];
          return typeof value === 'object' && value !== null ? (value as { id: string }).id : value;
        })
        .sort();
      expect(exported.map((row) => row[primaryKey]).sort(), name).toEqual(ids);
      expect(manifest.tables.find((entry) => entry.table === name)?.rows, name).toBe(ids.length);
      if (name === 'clients') {
        // CSV: a header and one record per row (no field of these rows holds a line break).
        expect(files.get(`${name}.csv`)?.split('\r\n').filter(Boolean).length).toBe(ids.length + 1);
      }
    }
    for (const name of [
      'organizations',
      'users',
      'memberships',
      'clients',
      'pools',
      'appointments',
      'finance_entries',
      'notifications',
      'notification_reads',
      'audit_entries',
      'login_events',
      'sync_counters',
      'account_tokens',
      'mail_messages',
      'data_exports',
    ]) {
      const exported = JSON.parse(files.get(`${name}.json`) ?? '[]') as unknown[];
      expect(exported.length, name).toBeGreaterThan(0);
    }

    // Nothing of the other organization, and no credentials.
    const everything = [...files.values()].join('\n');
    const logins = JSON.parse(files.get('login_events.json') ?? '[]') as { id: string; userId: string }[];
    expect(logins.some((login) => login.userId === a.staff.userId)).toBe(true);
    expect(everything).not.toContain(earlier.id);
    const salted = await em.findOneOrFail(Membership, { user: a.owner.userId }, { filters: false });
    expect(salted.calendarFeedSalt).toBeTruthy();
    expect(everything).not.toContain(salted.calendarFeedSalt ?? 'no salt');
    const data = [...files].filter(([name]) => /\.(json|csv)$/.test(name) && name !== 'manifest.json');
    for (const [name, text] of data)
      expect(text, name).not.toMatch(/passwordHash|tokenHash|calendarFeedSalt|\$argon2/);
    for (const foreign of [b.owner.orgId, b.clientId, 'Boreal', CPF_B, b.owner.email, b.staff.email]) {
      expect(everything).not.toContain(foreign);
    }
    expect(everything).toContain('Cliente Aurora');
    expect(everything).toContain(CPF_A);

    // Once: the file is gone, a second download is 410.
    expect(existsSync(join(exportsDirectory(server.config.dataDir), `${requested.id}.zip`))).toBe(false);
    expect((await download(a.owner, path)).status).toBe(410);
    const after = await a.owner.client.privacy.exportStatus.query();
    expect(after.exports[0]).toMatchObject({ status: 'downloaded', downloadPath: null });
  });

  it('reads a large table page by page, and lets one of two simultaneous downloads through', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Grande' });
    // More rows than a page (500), to walk the keyset pages of the export.
    await seed(server, (em) => {
      for (let index = 0; index < 1234; index += 1)
        seedClient(em, owner.orgId, { name: `cliente ${String(index).padStart(4, '0')}` });
    });
    const requested = await owner.client.privacy.requestExport.mutate();
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock });
    const path = `/exports/${requested.id}.zip`;
    const [first, second] = await Promise.all([download(owner, path), download(owner, path)]);
    expect([first.status, second.status].sort()).toEqual([200, 410]);
    const winner = first.status === 200 ? first : second;
    const files = await unzip(Buffer.from(await winner.arrayBuffer()));
    const clients = JSON.parse(files.get('clients.json') ?? '[]') as { id: string; name: string }[];
    expect(clients).toHaveLength(1234);
    expect(new Set(clients.map((client) => client.id)).size).toBe(1234);
    // The CSV has the same rows, with a header.
    expect(files.get('clients.csv')?.split('\r\n').filter(Boolean)).toHaveLength(1235);
  });

  it('expires a ready export that nobody downloads, and deletes its file', async () => {
    const a = await seedEveryTable('Cometa', CPF_A);
    const requested = await a.owner.client.privacy.requestExport.mutate();
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock });
    const file = join(exportsDirectory(server.config.dataDir), `${requested.id}.zip`);
    expect(existsSync(file)).toBe(true);
    const later = createClock(new Date(clock.now.getTime() + EXPORT_TTL_MS + 1000));
    expect(
      await runPendingExports(server.database, { dataDir: server.config.dataDir, clock: later }),
    ).toMatchObject({ expired: 1 });
    expect(existsSync(file)).toBe(false);
    const status = await a.owner.client.privacy.exportStatus.query();
    expect(status.exports[0]?.status).toBe('expired');
  });
});

describe('account erasure', () => {
  it('asks the last owner to transfer ownership first, then erases every trace of the user', async () => {
    const org = await seedEveryTable('Duna', CPF_A);
    const owner = org.owner;
    const wrong = await errorOf(owner.client.privacy.deleteAccount.mutate({ password: 'errada-errada' }));
    expect(wrong.data?.fieldErrors).toMatchObject({ password: 'Senha incorreta.' });
    const lastOwner = await errorOf(owner.client.privacy.deleteAccount.mutate({ password: owner.password }));
    expect(lastOwner.data?.code).toBe('PRECONDITION_FAILED');
    expect(lastOwner.message).toContain('Piscinas Duna');
    expect(lastOwner.message).toContain('Transfira a propriedade');

    // The person to erase joins by invitation, signs in from a recognizable browser, works, fails a
    // sign-in, asks for a password reset.
    const email = 'zuleica.quintanilha@example.com';
    const name = 'Zuleica Quintanilha';
    const userAgent = 'NavegadorDaZuleica/7.3';
    await owner.client.members.invite.mutate({ email, role: 'admin' });
    const invite = await server.database
      .fork()
      .findOneOrFail(MailMessage, { to: email, kind: 'invite' }, { orderBy: { createdAt: 'desc' } });
    const token = /token=([^\s"&<]+)/.exec(invite.text)?.[1] ?? '';
    await server.client().members.acceptInvite.mutate({
      token: decodeURIComponent(token),
      name,
      password: 'senha-da-zuleica',
    });
    const headers = { 'user-agent': userAgent };
    await errorOf(
      server.client({ headers }).auth.login.mutate({ email, password: 'senha-errada-1', client: 'desktop' }),
    );
    const login = await server
      .client({ headers })
      .auth.login.mutate({ email, password: 'senha-da-zuleica', client: 'desktop' });
    const zuleica = server.client({
      accessToken: () => login.accessToken,
      orgId: () => owner.orgId,
      headers,
    });
    const created = await zuleica.clients.create.mutate({
      name: 'Cliente da Zuleica',
      pools: [{ type: 'other' }],
    });
    await server.client().auth.requestPasswordReset.mutate({ email });
    expect(await findTraces([email, name, userAgent])).not.toEqual([]);

    // The owner hands the organization over, and can then leave.
    const members = await owner.client.members.list.query();
    const target = members.members.find((member) => member.email === email);
    expect(
      (
        await errorOf(
          owner.client.members.transferOwnership.mutate({
            membershipId: members.members[0]?.membershipId ?? '',
          }),
        )
      ).data?.code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await errorOf(
          org.staff.client.members.transferOwnership.mutate({ membershipId: target?.membershipId ?? '' }),
        )
      ).data?.code,
    ).toBe('FORBIDDEN');
    const transfer = await owner.client.members.transferOwnership.mutate({
      membershipId: target?.membershipId ?? '',
    });
    expect(transfer).toMatchObject({ role: 'owner', myRole: 'admin' });

    // Zuleica is now the last owner with other members: she cannot leave either…
    expect(
      (await errorOf(zuleica.privacy.deleteAccount.mutate({ password: 'senha-da-zuleica' }))).data?.code,
    ).toBe('PRECONDITION_FAILED');
    // …until she gives ownership back.
    await zuleica.members.transferOwnership.mutate({
      membershipId: members.members.find((member) => member.isMe)?.membershipId ?? '',
    });
    expect(await zuleica.privacy.deleteAccount.mutate({ password: 'senha-da-zuleica' })).toEqual({
      ok: true,
    });

    // Signed out everywhere, and nothing left that names her, in any column of any table.
    expect((await errorOf(zuleica.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    expect(await findTraces([email, name, userAgent, login.user.id])).toEqual([]);
    // What she did is still recorded, without who she was.
    const audit = await server.database.fork().find(AuditEntry, { entityId: created.id }, { filters: false });
    expect(audit.map((entry) => entry.actorName)).toEqual(['Usuário removido']);
    // The organization and its other members are untouched.
    expect((await owner.client.clients.get.query({ id: org.clientId })).name).toBe('Cliente Duna');
  });

  it('counts password confirmations, so a stolen access token cannot guess the password', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Cofre' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const wrong = await errorOf(
        owner.client.privacy.deleteAccount.mutate({ password: `errada-${attempt}` }),
      );
      expect(wrong.data?.code).toBe('BAD_REQUEST');
    }
    const refused = await errorOf(owner.client.privacy.deleteAccount.mutate({ password: owner.password }));
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(
      (
        await errorOf(
          owner.client.privacy.requestDeletion.mutate({
            organizationName: 'Piscinas Cofre',
            password: owner.password,
          }),
        )
      ).data?.code,
    ).toBe('TOO_MANY_REQUESTS');
    expect((await owner.client.auth.me.query()).user.email).toBe(owner.email);
  });

  it('takes an organization whose only member leaves along with the account', async () => {
    const owner = await signUpOwner(server, { name: 'Solange Solitária', organizationName: 'Piscinas Ermo' });
    await owner.client.clients.create.mutate({
      name: 'Cliente do Ermo',
      document: CPF_B,
      pools: [{ type: 'other' }],
    });
    await owner.client.privacy.deleteAccount.mutate({ password: owner.password });
    expect(
      await findTraces([owner.email, 'Solange Solitária', 'Piscinas Ermo', 'Cliente do Ermo', owner.orgId]),
    ).toEqual([]);
  });
});

describe('organization deletion', () => {
  it('waits 30 days, can be cancelled meanwhile, then purges the organization and nothing else', async () => {
    const start = clock.now;
    const a = await seedEveryTable('Estrela', '39053344705');
    const b = await seedEveryTable('Farol', '71428793860');
    // A's staff member also works for B.
    const joining = server.database.fork();
    joining.create(Membership, {
      user: joining.getReference(User, a.staff.userId),
      organization: joining.getReference(Organization, b.owner.orgId),
      role: 'staff',
    });
    await joining.flush();
    const requestDeletion = (input: { organizationName: string; password: string }, user = a.owner) =>
      user.client.privacy.requestDeletion.mutate(input);

    expect(
      (
        await errorOf(
          requestDeletion({ organizationName: 'Piscinas Estrela', password: a.staff.password }, a.staff),
        )
      ).data?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await errorOf(requestDeletion({ organizationName: 'Piscinas Farol', password: a.owner.password })))
        .data?.fieldErrors,
    ).toHaveProperty('organizationName');
    expect(
      (await errorOf(requestDeletion({ organizationName: 'Piscinas Estrela', password: 'senha-errada' })))
        .data?.fieldErrors,
    ).toMatchObject({ password: 'Senha incorreta.' });
    const requested = await requestDeletion({
      organizationName: ' piscinas estrela ',
      password: a.owner.password,
    });
    expect(requested.deletion?.purgeAfter.getTime()).toBe(start.getTime() + 30 * DAY);
    expect((await a.staff.client.organizations.current.query()).deletion).not.toBeNull();
    // Every owner is told by e-mail (the staff member is not an owner).
    const notices = await server.database
      .fork()
      .find(MailMessage, { kind: 'organization_deletion', organizationId: a.owner.orgId });
    expect(notices.map((mail) => mail.to)).toEqual([a.owner.email]);
    expect(notices[0]?.text).toContain('Piscinas Estrela');
    expect(notices[0]?.text).toContain('/#/settings');
    expect((await b.owner.client.organizations.current.query()).deletion).toBeNull();

    const purge = maintenanceJobs['organization-purge'];
    if (!purge) throw new Error('purge job not registered');
    const exportsBefore = await a.owner.client.privacy.requestExport.mutate();
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock });

    // Day 29: still there, and the owner changes their mind.
    clock.advance(29 * DAY);
    a.owner = await signInAgain(a.owner);
    b.owner = await signInAgain(b.owner);
    expect(await purge.run(server.database, clock(), { outboxBodyRetentionDays: 7 })).toMatchObject({
      purged: 0,
    });
    expect((await a.owner.client.clients.get.query({ id: a.clientId })).name).toBe('Cliente Estrela');
    await a.owner.client.privacy.cancelDeletion.mutate();
    expect((await a.owner.client.organizations.current.query()).deletion).toBeNull();
    expect((await errorOf(a.owner.client.privacy.cancelDeletion.mutate())).data?.code).toBe(
      'PRECONDITION_FAILED',
    );

    // Asked again; 30 days later it is purged.
    await requestDeletion({ organizationName: 'Piscinas Estrela', password: a.owner.password });
    clock.advance(29 * DAY);
    a.owner = await signInAgain(a.owner);
    b.owner = await signInAgain(b.owner);
    expect(await purge.run(server.database, clock(), { outboxBodyRetentionDays: 7 })).toMatchObject({
      purged: 0,
    });
    const bCounts = await organizationRowCounts(b.owner.orgId, b);
    clock.advance(2 * DAY);
    a.owner = await signInAgain(a.owner);
    b.owner = await signInAgain(b.owner);
    expect(await purge.run(server.database, clock(), { outboxBodyRetentionDays: 7 })).toMatchObject({
      purged: 1,
      organizationIds: [a.owner.orgId],
    });
    expect(await purge.run(server.database, clock(), { outboxBodyRetentionDays: 7 })).toMatchObject({
      purged: 0,
    });

    // The owner belonged to this organization only: the account went with it. The staff member also works
    // for the other organization and keeps the account, now with that organization only.
    expect((await errorOf(a.owner.client.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    const staffAgain = await signInAgain(a.staff);
    expect((await staffAgain.client.auth.me.query()).memberships.map((m) => m.organizationId)).toEqual([
      b.owner.orgId,
    ]);
    const aCounts = await organizationRowCounts(a.owner.orgId, a);
    expect(Object.entries(aCounts).filter(([, count]) => count > 0)).toEqual([]);
    expect(await organizationRowCounts(b.owner.orgId, b)).toEqual(bCounts);
    expect((await b.owner.client.clients.get.query({ id: b.clientId })).name).toBe('Cliente Farol');
    expect(
      await findTraces([
        'Piscinas Estrela',
        'Cliente Estrela',
        '39053344705',
        'cliente.estrela@example.com',
        'convidado.estrela@example.com',
        'Manutenção Estrela',
        a.owner.orgId,
        a.clientId,
        a.owner.email,
        'Dona Estrela',
        a.owner.userId,
      ]),
    ).toEqual([]);
    // (After the search: a failed attempt records the address typed, like any unknown e-mail.)
    expect((await errorOf(signInAgain(a.owner))).data?.code).toBe('UNAUTHORIZED');
    // The export file of the purged organization is swept once it is old enough.
    const directory = exportsDirectory(server.config.dataDir);
    expect((await readdir(directory)).some((name) => name.startsWith(exportsBefore.id))).toBe(true);
    const muchLater = createClock(new Date(Date.now() + 60 * 60 * 1000));
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock: muchLater });
    expect((await readdir(directory)).some((name) => name.startsWith(exportsBefore.id))).toBe(false);
  });
});

/** Rows of an organization in each organization table except its members' own (which outlive it). */
async function organizationRowCounts(
  organizationId: string,
  seeded: { owner: SignedIn; staff: SignedIn },
): Promise<Record<string, number>> {
  const em = server.database.fork();
  const plan = planOrganizationTables(server.database.orm.getMetadata());
  const counts: Record<string, number> = {};
  for (const table of plan.tables) {
    if (table.rule.startsWith('members')) continue;
    counts[table.meta.tableName] = await em.count<AnyRow>(
      table.meta.className,
      table.where({
        organizationId,
        members: [seeded.owner.userId, seeded.staff.userId].map((userId) => ({
          userId,
          joinedAt: new Date(0),
        })),
      }),
      { filters: false },
    );
  }
  return counts;
}
