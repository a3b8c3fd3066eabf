import type { EntityManager } from '@picineiros/db';

const WINDOW_MS = 60_000;
/** Counters older than this many windows are deleted (by whichever process opens a new window first). */
const KEPT_WINDOWS = 5;

type Tally = {
  window: number;
  /** The shared count (all processes) as of this process's last write. */
  shared: number;
  /** Calls admitted here and not yet added to the shared count. */
  pending: number;
};

/**
 * The overall per-token request budget: calls per session and minute, counted across every server
 * process and instance in `request_counters` (one atomic `insert … on conflict do update … returning`
 * adds a process's calls and reads the total back), without a database write on every call. Each process
 * adds its calls in chunks of a twentieth of the budget, and a call that makes a chunk waits for that
 * write and is refused if the total it reads is past the budget (it stays counted); so the budget can be
 * exceeded by less than one chunk per process, and with a budget under 40 (chunk 1) it is exact.
 */
export class RequestBudget {
  private readonly tallies = new Map<string, Tally>();
  private lastCleanup = -1;

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait (a refusal), or 0 when the call may go on; it is then counted. */
  async take(em: EntityManager, subject: string, now: Date): Promise<number> {
    if (this.perMinute <= 0) return 0;
    const window = Math.floor(now.getTime() / WINDOW_MS);
    const wait = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now.getTime()) / 1000));
    let tally = this.tallies.get(subject);
    if (!tally || tally.window !== window) {
      if (this.tallies.size > 10_000) this.forgetBefore(window);
      tally = { window, shared: 0, pending: 0 };
      this.tallies.set(subject, tally);
    }
    if (tally.shared + tally.pending >= this.perMinute) return wait;
    tally.pending += 1;
    const chunk = Math.max(1, Math.floor(this.perMinute / 20));
    if (tally.pending < chunk) return 0;
    // This call completes a chunk: add it to the shared count, and wait for the total it reads back.
    const adding = tally.pending;
    tally.pending = 0;
    const total = await this.add(em, subject, window, adding);
    tally.shared = Math.max(tally.shared, total);
    // The calls of this chunk were counted in the order the database saw them: those past the budget
    // are refused. Only this call is still waiting; the chunk's earlier calls were admitted (< 1 chunk).
    return total > this.perMinute ? wait : 0;
  }

  private async add(em: EntityManager, subject: string, window: number, count: number): Promise<number> {
    if (window !== this.lastCleanup) {
      this.lastCleanup = window;
      await em.execute('delete from request_counters where window_start < ?', [window - KEPT_WINDOWS]);
    }
    const rows = await em.execute<{ count: number | string }[]>(
      'insert into request_counters (subject, window_start, count) values (?, ?, ?) ' +
        'on conflict (subject, window_start) do update set count = request_counters.count + excluded.count ' +
        'returning count',
      [subject, window, count],
    );
    return Number(rows[0]?.count ?? count);
  }

  private forgetBefore(window: number): void {
    for (const [subject, tally] of this.tallies) if (tally.window < window) this.tallies.delete(subject);
  }
}
