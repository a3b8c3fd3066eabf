// Replica benchmark (a script, not a test): pnpm --filter @picineiros/desktop bench:replica
// 1. First sync of 10 000 clients (+ a pool each), 50 000 appointments and 50 000 finance entries through
//    Replica.applyChanges in pages of 1 000, as sync.pull delivers them, against the floor: bare
//    better-sqlite3 inserts of the same rows (one prepared statement per table, one transaction per page).
// 2. An incremental pull of 100 changes (50 clients edited, 50 finance entries paid or reopened, at random)
//    on replicas of 2 %, 10 %, 50 % and 100 % of that size: median and spread of 21 pulls, and the pages
//    each pull writes to the WAL (independent of machine load), which must stop growing with the replica.
// 3. Local clients.list with a search, p50/p99 over 500 queries on the 10 000-client replica.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSearchColumns, type SyncChange } from '@picineiros/api/client';
import Database from 'better-sqlite3';
import { Replica } from '../src/core/replica';

const CLIENTS = 10_000;
const APPOINTMENTS = 50_000;
const ENTRIES = 50_000;
const PAGE = 1_000;
const FIRST = ['Ana', 'Bruno', 'Carla', 'Davi', 'Eduarda', 'Fábio', 'Gabriela', 'Hélio', 'Íris', 'João'];
const LAST = ['Silva', 'Souza', 'Oliveira', 'Lima', 'Conceição', 'Araújo', 'Melo', 'Gomes', 'Barbosa'];

let version = 0;
const organizationId = randomUUID();
const now = new Date();

function base(id: string) {
  version += 1;
  return {
    id,
    organizationId,
    createdAt: now,
    updatedAt: now,
    version: 1,
    syncVersion: version,
    deletedAt: null,
  };
}

function makeChanges(scale = 1): SyncChange[] {
  const clients = Math.round(CLIENTS * scale);
  const changes: SyncChange[] = [];
  const clientIds: string[] = [];
  for (let index = 0; index < clients; index += 1) {
    const id = randomUUID();
    clientIds.push(id);
    const name = `${FIRST[index % FIRST.length] ?? ''} ${LAST[(index * 7) % LAST.length] ?? ''} ${index}`;
    const email = `cliente${index}@exemplo.com.br`;
    const phone = `119${String(10_000_000 + index).padStart(8, '0')}`;
    const row = {
      ...base(id),
      name,
      ...clientSearchColumns({ name, email, phone, document: null }),
      document: null,
      phone,
      email,
      cep: '01310100',
      street: 'Avenida Paulista',
      streetNumber: String(index),
      complement: null,
      district: 'Bela Vista',
      city: 'São Paulo',
      uf: 'SP',
      notes: null,
      active: index % 10 !== 0,
    };
    changes.push({
      entityType: 'client',
      id,
      syncVersion: row.syncVersion,
      deleted: false,
      row,
    } as unknown as SyncChange);
    const poolId = randomUUID();
    const pool = {
      ...base(poolId),
      clientId: id,
      label: null,
      type: 'fiberglass',
      volumeLiters: 30_000,
      location: 'outdoor',
      heated: false,
      notes: null,
    };
    changes.push({
      entityType: 'pool',
      id: poolId,
      syncVersion: pool.syncVersion,
      deleted: false,
      row: pool,
    } as unknown as SyncChange);
  }
  for (let index = 0; index < Math.round(APPOINTMENTS * scale); index += 1) {
    const id = randomUUID();
    const day = String((index % 28) + 1).padStart(2, '0');
    const row = {
      ...base(id),
      clientId: clientIds[index % clients],
      poolId: null,
      date: `2026-${String((index % 12) + 1).padStart(2, '0')}-${day}`,
      startTime: `${String(7 + (index % 10)).padStart(2, '0')}:00`,
      durationMinutes: 60,
      assigneeId: null,
      status: ['pending', 'confirmed', 'done', 'cancelled'][index % 4],
      notes: null,
      priceCents: 15_000,
    };
    changes.push({
      entityType: 'appointment',
      id,
      syncVersion: row.syncVersion,
      deleted: false,
      row,
    } as unknown as SyncChange);
  }
  for (let index = 0; index < Math.round(ENTRIES * scale); index += 1) {
    const id = randomUUID();
    const paid = index % 2 === 0;
    const row = {
      ...base(id),
      clientId: clientIds[index % clients],
      appointmentId: null,
      description: 'Manutenção mensal',
      amountCents: 20_000 + (index % 50) * 100,
      dueDate: `2026-${String((index % 12) + 1).padStart(2, '0')}-10`,
      status: paid ? 'paid' : 'pending',
      paidAt: paid ? now : null,
      paymentMethod: paid ? 'pix' : null,
    };
    changes.push({
      entityType: 'financeEntry',
      id,
      syncVersion: row.syncVersion,
      deleted: false,
      row,
    } as unknown as SyncChange);
  }
  return changes;
}

function pages<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += PAGE) result.push(items.slice(index, index + PAGE));
  return result;
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The same row as a later version, as sync.pull would deliver it after an edit. */
function edited(change: SyncChange, fields: Record<string, unknown>): SyncChange {
  version += 1;
  const row = { ...(change.row as unknown as Record<string, unknown>), ...fields, syncVersion: version };
  Object.assign(change.row, fields);
  return { ...change, syncVersion: version, row } as unknown as SyncChange;
}

function togglePaid(change: SyncChange): Record<string, unknown> {
  const paid = (change.row as unknown as Record<string, unknown>)['status'] === 'paid';
  return paid
    ? { status: 'pending', paidAt: null, paymentMethod: null }
    : { status: 'paid', paidAt: now, paymentMethod: 'pix' };
}

const dir = mkdtempSync(join(tmpdir(), 'picineiros-bench-'));
try {
  const changes = makeChanges();

  // The floor: bare better-sqlite3, one table per entity, the whole row as JSON, same pages.
  const bare = new Database(join(dir, 'bare.sqlite'));
  bare.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  for (const table of ['client', 'pool', 'appointment', 'financeEntry']) {
    bare.exec(
      `CREATE TABLE ${table} (id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, data TEXT NOT NULL)`,
    );
  }
  const inserts = Object.fromEntries(
    ['client', 'pool', 'appointment', 'financeEntry'].map((table) => [
      table,
      bare.prepare(`INSERT INTO ${table} (id, sync_version, data) VALUES (?, ?, ?)`),
    ]),
  );
  const floorMs = time(() => {
    for (const page of pages(changes)) {
      bare.transaction(() => {
        for (const change of page)
          inserts[change.entityType]?.run(change.id, change.syncVersion, JSON.stringify(change.row));
      })();
    }
  });
  bare.close();

  const replica = new Replica(join(dir, 'replica.sqlite'));
  const replicaMs = time(() => {
    for (const page of pages(changes)) replica.applyChanges(page, page.at(-1)?.syncVersion ?? 0);
  });

  // Local clients.list with a search.
  const searches = ['ana silva', 'joao', 'cliente12', '11910000', 'oliveira 99', 'bruno lima', 'exemplo'];
  const durations: number[] = [];
  const listCpu: number[] = [];
  for (let index = 0; index < 500; index += 1) {
    const search = searches[index % searches.length] ?? '';
    const cpuBefore = process.cpuUsage();
    durations.push(time(() => replica.listClients({ search, page: 1, pageSize: 20 })));
    const cpuSpent = process.cpuUsage(cpuBefore);
    listCpu.push((cpuSpent.user + cpuSpent.system) / 1000);
  }
  durations.sort((a, b) => a - b);
  const percentile = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))] ?? 0;
  replica.close();

  const rows = changes.length;
  console.log(
    `rows: ${rows} (${CLIENTS} clients + ${CLIENTS} pools, ${APPOINTMENTS} appointments, ${ENTRIES} entries)`,
  );
  console.log(`first sync, bare better-sqlite3 floor: ${floorMs.toFixed(0)} ms`);
  console.log(
    `first sync, Replica.applyChanges:      ${replicaMs.toFixed(0)} ms (${(replicaMs / floorMs).toFixed(2)}× the floor; target ≤ 3×)`,
  );
  console.log(
    `clients.list with search (500 runs): p50 ${percentile(50).toFixed(2)} ms, p99 ${percentile(99).toFixed(2)} ms (target p99 < 20 ms); CPU p50 ${median(listCpu).toFixed(2)} ms, p99 ${quantile(listCpu, 0.99).toFixed(2)} ms`,
  );

  // Incremental pulls on replicas of several sizes (fresh files, the first sync checkpointed away).
  console.log(
    `incremental pull of 100 changes, 21 pulls per size (load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}):`,
  );
  for (const scale of [0.02, 0.1, 0.5, 1]) {
    const sized = makeChanges(scale);
    const file = join(dir, `incremental-${scale}.sqlite`);
    const target = new Replica(file);
    for (const page of pages(sized)) target.applyChanges(page, page.at(-1)?.syncVersion ?? 0);
    target.db.pragma('wal_checkpoint(TRUNCATE)');
    const clients = sized.filter((change) => change.entityType === 'client');
    const entries = sized.filter((change) => change.entityType === 'financeEntry');
    const pick = (from: SyncChange[]) => from[Math.floor(Math.random() * from.length)];
    const durations: number[] = [];
    const cpu: number[] = [];
    const walPages: number[] = [];
    for (let run = 0; run < 21; run += 1) {
      const pull: SyncChange[] = [];
      for (let index = 0; index < 50; index += 1) {
        const client = pick(clients);
        const entry = pick(entries);
        if (client) pull.push(edited(client, { phone: `1197${String(run * 100 + index).padStart(7, '0')}` }));
        if (entry) pull.push(edited(entry, togglePaid(entry)));
      }
      target.db.pragma('wal_checkpoint(TRUNCATE)');
      // Wall time and this process's CPU time: on a shared, loaded machine the second is the steadier one.
      const cpuBefore = process.cpuUsage();
      durations.push(
        time(() => {
          target.applyChanges(pull, version);
        }),
      );
      const cpuSpent = process.cpuUsage(cpuBefore);
      cpu.push((cpuSpent.user + cpuSpent.system) / 1000);
      walPages.push(Math.round(statSync(`${file}-wal`).size / (4096 + 24)));
    }
    target.close();
    const rowsIn = sized.length.toLocaleString('pt-BR');
    console.log(
      `  ${rowsIn.padStart(7)} rows: median ${median(durations).toFixed(2)} ms (p10 ${quantile(durations, 0.1).toFixed(2)}, p90 ${quantile(durations, 0.9).toFixed(2)}), CPU ${median(cpu).toFixed(2)} ms, ${median(walPages)} pages written`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
