import { LoginEvent, Membership, Organization, User } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';
import { indexesUsedBy, plansOfCall, sequentialScansOf } from './query-plans';

// auth.loginHistory, audit.logins and the new-device check at sign-in are served by the login_events
// indexes: every statement they send is EXPLAINed on Postgres with sequential scans priced out.
let server: TestServer;
let owner: SignedIn;
let staff: SignedIn;
let staffMembershipId: string;

describe.runIf(process.env['TEST_DIALECT'] === 'postgresql')('sign-in history: indexes (EXPLAIN)', () => {
  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpOwner(server);
    staff = await addMember(server, owner.orgId, 'staff');
    const em = server.database.fork();
    staffMembershipId = (await em.findOneOrFail(Membership, { user: staff.userId })).id;
    // 200 other users with 100 sign-ins each, and 2 000 of our members'; written around the unit of work:
    // only the plans matter here.
    const users = Array.from({ length: 200 }, (_, index) =>
      em.create(
        User,
        { email: `outro.${index}@example.com`, name: `Outro ${index}`, passwordHash: 'x' },
        { persist: false },
      ),
    );
    await em.insertMany(User, users);
    const organization = em.getReference(Organization, owner.orgId);
    await em.insertMany(
      Membership,
      users
        .slice(0, 20)
        .map((user) => em.create(Membership, { user, organization, role: 'staff' }, { persist: false })),
    );
    const events = [...users.map((user) => user.id), owner.userId, staff.userId].flatMap(
      (userId, userIndex) =>
        Array.from({ length: userIndex >= 200 ? 1000 : 100 }, (_, index) =>
          em.create(
            LoginEvent,
            {
              email: `${userId}@example.com`,
              user: userId,
              outcome: index % 7 === 0 ? 'failure' : 'success',
              ip: `10.0.${userIndex % 250}.${index % 250}`,
              client: 'web',
              deviceKey: `${userId}-${index % 5}`.padEnd(64, '0').slice(0, 64),
              at: new Date(Date.UTC(2026, 0, 1, 0, index)),
            },
            { persist: false },
          ),
        ),
    );
    for (let start = 0; start < events.length; start += 2000) {
      await em.insertMany(LoginEvent, events.slice(start, start + 2000));
    }
    await em.execute('vacuum analyze login_events');
    await em.execute('vacuum analyze memberships');
  });

  afterAll(async () => {
    await server.close();
  });

  async function indexesOf(call: () => Promise<unknown>) {
    const plans = await plansOfCall(server.database, call, /from "login_events"/);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(sequentialScansOf([plan]), plan.sql).toEqual([]);
    return [...indexesUsedBy(plans)];
  }

  it('serves auth.loginHistory, first page and next, from (user, at, id)', async () => {
    expect(await indexesOf(() => owner.client.auth.loginHistory.query({ limit: 20 }))).toEqual([
      'login_events_user_id_at_id_index',
    ]);
    const cursor = `2026-01-01T05:00:00.000Z|${owner.userId}`;
    expect(await indexesOf(() => owner.client.auth.loginHistory.query({ cursor }))).toEqual([
      'login_events_user_id_at_id_index',
    ]);
  });

  it('serves every audit.logins filter from (user, at, id)', async () => {
    const cases = [
      {},
      { membershipId: staffMembershipId },
      { from: '2026-01-01', to: '2026-01-01' },
      { membershipId: staffMembershipId, from: '2025-12-31', to: '2026-01-01' },
      { cursor: `2026-01-01T05:00:00.000Z|${owner.userId}` },
    ];
    for (const input of cases) {
      expect(await indexesOf(() => owner.client.audit.logins.query(input)), JSON.stringify(input)).toEqual([
        'login_events_user_id_at_id_index',
      ]);
    }
  });

  it('checks a sign-in device against the user_id/device_key index', async () => {
    const used = await indexesOf(() =>
      server.client().auth.login.mutate({ email: staff.email, password: staff.password, client: 'web' }),
    );
    expect(used).toContain('login_events_user_id_device_key_index');
  });
});
