import { dialectOfEntityManager, lockSqliteForWrite, type EntityManager } from '@picineiros/db';

// A constant first key keeps these locks apart from the daily jobs' one-bigint advisory locks (Postgres
// keeps the (int, int) and the bigint key spaces separate).
const COUNTING_LOCK_CLASS = 15_001;

/**
 * Runs `work` on `em` inside one transaction that first takes an exclusive lock on each of `keys`, held
 * until commit: the way every rule that counts (throttles, rate limits, plan limits) makes its count and
 * the row it then writes one step, so parallel requests cannot all read the same count and all pass.
 *
 * - Postgres: a transaction-scoped advisory lock per key (`pg_advisory_xact_lock(class, hashtext(key))`),
 *   taken in sorted order so two callers never deadlock. Under READ COMMITTED each later statement sees
 *   what the previous holder committed. Callers of other keys never wait.
 * - SQLite: the transaction takes the database's write lock at once (BEGIN IMMEDIATE semantics, see
 *   lockSqliteForWrite): there is one writer anyway, and a reader-then-writer could not upgrade safely.
 *
 * `work` must run every statement on `em` (not on a fork): on SQLite the one connection is held by this
 * transaction, and on Postgres a fork would count outside the lock. When `em` is already in a
 * transaction, the locks join it and last until its commit.
 */
export async function withCountingLock<T>(
  em: EntityManager,
  keys: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const dialect = dialectOfEntityManager(em);
  const locked = async () => {
    if (dialect === 'postgresql') {
      for (const key of [...new Set(keys)].sort()) {
        await em.execute('select pg_advisory_xact_lock(?, hashtext(?))::text as locked', [
          COUNTING_LOCK_CLASS,
          key,
        ]);
      }
    } else {
      await lockSqliteForWrite(em, dialect);
    }
    return work();
  };
  if (em.isInTransaction()) return locked();
  await em.begin();
  try {
    const result = await locked();
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    throw error;
  }
}
