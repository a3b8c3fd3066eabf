// Benchmark (a script, not a test): the appointment-reminder job over 500 000 appointments in 5 000
// organizations on Postgres. Usage: pnpm --filter @picineiros/server bench:reminders
// Seeds a scratch database with bulk SQL (unnest), then times runDailyJob for one local day and prints
// the figures. Set BENCH_POSTGRES_URL to use another admin connection (default: local postgres).
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dailyJobs, runDailyJob } from '@picineiros/api/server';
import { openDatabase } from '@picineiros/db';
import pg from 'pg';

const ORGANIZATIONS = 5_000;
const APPOINTMENTS_PER_ORGANIZATION = 100;
const DAYS = 50; // appointments spread over 50 days: ~10 000 fall on the reminded day
const adminUrl = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = 'picineiros_bench_reminders';

function urlOf(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function dayOf(offset: number): string {
  return new Date(Date.UTC(2027, 2, 1 + offset)).toISOString().slice(0, 10);
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${scratch}`);
let statements = 0;
const database = await openDatabase({
  databaseUrl: urlOf(scratch),
  dataDir: tmpdir(),
  logQuery: (line) => {
    // The ORM's log lines carry ANSI colours: strip them before looking at the statement.
    // eslint-disable-next-line no-control-regex -- the colour codes start with ESC
    if (/^\[query\] (select|insert|update|delete|with)\b/i.test(line.replace(/\u001b\[[0-9;]*m/g, '')))
      statements += 1;
  },
});
const client = new pg.Client({ connectionString: urlOf(scratch) });
await client.connect();

const seedStart = performance.now();
const now = new Date();
const organizationIds = Array.from({ length: ORGANIZATIONS }, () => randomUUID());
await client.query(
  `insert into organizations (id, created_at, updated_at, name)
   select id, $2, $2, 'Org ' || ord from unnest($1::uuid[]) with ordinality as t(id, ord)`,
  [organizationIds, now],
);
const clientIds = organizationIds.map(() => randomUUID());
await client.query(
  `insert into clients (id, created_at, updated_at, organization_id, name, name_key, search_text, email)
   select c, $3, $3, o, 'Cliente ' || ord, 'cliente ' || ord, 'cliente ' || ord, 'cliente' || ord || '@exemplo.com.br'
   from unnest($1::uuid[], $2::uuid[]) with ordinality as t(c, o, ord)`,
  [clientIds, organizationIds, now],
);
const chunk = 50_000;
const total = ORGANIZATIONS * APPOINTMENTS_PER_ORGANIZATION;
for (let start = 0; start < total; start += chunk) {
  const ids: string[] = [];
  const organizations: string[] = [];
  const clients: string[] = [];
  const dates: string[] = [];
  const statuses: string[] = [];
  for (let index = start; index < Math.min(total, start + chunk); index += 1) {
    const organization = index % ORGANIZATIONS;
    ids.push(randomUUID());
    organizations.push(organizationIds[organization] ?? '');
    clients.push(clientIds[organization] ?? '');
    dates.push(dayOf(Math.floor(index / ORGANIZATIONS) % DAYS));
    statuses.push(['pending', 'confirmed', 'done', 'cancelled'][index % 4] ?? 'pending');
  }
  await client.query(
    `insert into appointments (id, created_at, updated_at, organization_id, client_id, date, start_time, status)
     select id, $6, $6, o, c, d, '09:00', s from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) as t(id, o, c, d, s)`,
    [ids, organizations, clients, dates, statuses, now],
  );
}
await client.query('analyze');
const seedSeconds = (performance.now() - seedStart) / 1000;

const reminders = dailyJobs['appointment-reminders'];
if (!reminders) throw new Error('no reminders job');
const remindedDay = dayOf(10);
const { rows } = await client.query<{ count: string }>(
  `select count(*) from appointments where date = $1 and status in ('pending', 'confirmed')`,
  [remindedDay],
);
const memoryBefore = process.memoryUsage().rss;
statements = 0;
const jobStart = performance.now();
const result = await runDailyJob(database, reminders, now, { localDate: dayOf(9) });
const jobSeconds = (performance.now() - jobStart) / 1000;
const memoryAfter = process.memoryUsage().rss;
const firstRunStatements = statements;
const again = performance.now();
const second = await runDailyJob(database, reminders, now, { localDate: dayOf(9) });
const againSeconds = (performance.now() - again) / 1000;

console.log(`
Appointment-reminder job on Postgres
  data: ${ORGANIZATIONS} organizations, ${total} appointments (seeded in ${seedSeconds.toFixed(1)} s)
  reminded day ${remindedDay}: ${rows[0]?.count} pending/confirmed appointments
  first run:  ${jobSeconds.toFixed(2)} s — ${result.organizations} organizations, ${result.notifications} notifications, ${result.mails} e-mails queued, ${firstRunStatements} SQL statements (RSS +${Math.round((memoryAfter - memoryBefore) / 1e6)} MB)
  second run: ${againSeconds.toFixed(2)} s — ${second.notifications} notifications (idempotent)
`);

await client.end();
await database.close();
await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
await admin.end();
