import { TZDate } from '@date-fns/tz';
import { JobRun, lockSqliteForWrite, Organization, type Database, type EntityManager } from '@picineiros/db';
import { localDateOf, type LocalDate } from '../shared/local-time';

export type JobCounts = { notifications: number; mails: number };

/**
 * A daily job: a plain function of (entity manager, organizations, their local date, now). The scheduler
 * only decides when to call `runDailyJob`; everything here is testable with a fixed clock.
 */
export type DailyJob = {
  name: string;
  /** The organization's local hour from which today's run is due. */
  hourOf(organization: Organization): number;
  /** Creates the day's notifications and mails for these organizations, all on `localDate`. */
  run(
    em: EntityManager,
    organizations: Organization[],
    localDate: LocalDate,
    now: Date,
  ): Promise<Map<string, JobCounts>>;
};

export type DailyJobResult = {
  job: string;
  /** Another instance holds the job's lock (Postgres): this run did nothing. */
  skipped: boolean;
  organizations: number;
  notifications: number;
  mails: number;
};

function localHourOf(instant: Date, timezone: string): number {
  return new TZDate(instant.getTime(), timezone).getHours();
}

// Advisory-lock keys are 64-bit integers; each job has a fixed one derived from its name.
function lockKeyOf(name: string): string {
  let hash = 0n;
  for (const character of `picineiros-job:${name}`)
    hash = (hash * 31n + BigInt(character.charCodeAt(0))) % 2n ** 62n;
  return hash.toString();
}

/**
 * Runs a daily job for every organization whose run is due now (local hour reached) and not yet done
 * today. Idempotent: a (job, organization, local day) runs once (JobRun's unique key), notifications and
 * mails carry unique dedupe keys, and on Postgres a transaction-scoped advisory lock lets one instance
 * run a job at a time. Calling it at start catches up on the runs missed while the server was down.
 * `localDate` forces a run for that local day in every organization, whatever the hour (the CLI).
 */
export async function runDailyJob(
  database: Database,
  job: DailyJob,
  now: Date,
  options: { localDate?: LocalDate } = {},
): Promise<DailyJobResult> {
  const result: DailyJobResult = {
    job: job.name,
    skipped: false,
    organizations: 0,
    notifications: 0,
    mails: 0,
  };
  await database.fork().transactional(async (em) => {
    if (database.dialect === 'postgresql') {
      const [row] = await em.execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(?) as locked', [
        lockKeyOf(job.name),
      ]);
      if (!row?.locked) {
        result.skipped = true;
        return;
      }
    } else {
      // A concurrent run waits for this one (busy timeout), then finds the day done.
      await lockSqliteForWrite(em, database.dialect);
    }
    const organizations = await em.find(Organization, {}, { orderBy: { id: 'asc' } });
    const due = organizations
      .map((organization) => ({
        organization,
        localDate: options.localDate ?? localDateOf(now, organization.timezone),
      }))
      .filter(
        ({ organization }) =>
          options.localDate !== undefined ||
          localHourOf(now, organization.timezone) >= job.hourOf(organization),
      );
    if (due.length === 0) return;
    const dates = [...new Set(due.map(({ localDate }) => localDate))];
    const done = await em.find(
      JobRun,
      { job: job.name, localDate: { $in: dates } },
      { fields: ['organization', 'localDate'] },
    );
    const doneKeys = new Set(done.map((run) => `${run.organization.id}:${run.localDate}`));
    const pending = due.filter(
      ({ organization, localDate }) => !doneKeys.has(`${organization.id}:${localDate}`),
    );

    for (const localDate of dates) {
      const group = pending
        .filter((entry) => entry.localDate === localDate)
        .map((entry) => entry.organization);
      if (group.length === 0) continue;
      const counts = await job.run(em, group, localDate, now);
      for (const organization of group) {
        const count = counts.get(organization.id) ?? { notifications: 0, mails: 0 };
        em.create(JobRun, { job: job.name, organization, localDate, ranAt: now, ...count });
        result.notifications += count.notifications;
        result.mails += count.mails;
      }
      result.organizations += group.length;
    }
    await em.flush();
  });
  return result;
}

/** Adds one to an organization's counts. */
export function countFor(
  counts: Map<string, JobCounts>,
  organizationId: string,
  kind: keyof JobCounts,
): void {
  const current = counts.get(organizationId) ?? { notifications: 0, mails: 0 };
  current[kind] += 1;
  counts.set(organizationId, current);
}
