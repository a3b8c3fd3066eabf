// The fast fuzz pass of bench/fuzz.ts in the suite (the full pass: `pnpm --filter @picineiros/server soak`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzMutations, snapshotTables } from '../bench/fuzz';
import { signUpOwner, startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('fuzz: every mutation of appRouter', () => {
  it('answers 4xx to every input its schema refuses, changing no row, and never 5xx', async () => {
    const owner = await signUpOwner(server);
    const connection = server.database.orm.em.getConnection();
    const report = await fuzzMutations({
      url: server.url,
      headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
      snapshot: () =>
        snapshotTables((sql) => connection.execute<Record<string, unknown>[]>(sql), server.dialect),
      fast: true,
    });
    console.log(
      `fuzz (${server.dialect}): ${report.calls} calls over ${report.procedures} mutations in ${report.durationMs} ms; by status ${JSON.stringify(report.byStatus)}; schema refused ${report.refusedBySchema}, accepted ${report.acceptedBySchema}`,
    );
    expect(report.calls).toBeGreaterThan(600);
    expect(report.acceptedBySchema).toBe(0);
    expect(report.serverErrors).toEqual([]);
    expect(report.changedRows).toEqual([]);
  }, 120_000);
});
