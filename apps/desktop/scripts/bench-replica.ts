// Replica benchmark (a script, not a test): pnpm --filter @picineiros/desktop bench:replica
// 1. First sync of 10 000 clients (+ a pool each), 50 000 appointments and 50 000 finance entries through
//    Replica.applyChanges in pages of 1 000, as sync.pull delivers them, against the floor: bare
//    better-sqlite3 inserts of the same rows (one prepared statement per table, one transaction per page).
// 2. An incremental pull of 100 changes on that replica and on a small one (must not cost more).
// 3. Local clients.list with a search, p50/p99 over 500 queries on the 10 000-client replica.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSearchColumns } from '@picineiros/api/shared/search-text';
import type { SyncChange } from '@picineiros/api/sync/schema';
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

function makeChanges(): SyncChange[] {
  const changes: SyncChange[] = [];
  const clientIds: string[] = [];
  for (let index = 0; index < CLIENTS; index += 1) {
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
  for (let index = 0; index < APPOINTMENTS; index += 1) {
    const id = randomUUID();
    const day = String((index % 28) + 1).padStart(2, '0');
    const row = {
      ...base(id),
      clientId: clientIds[index % CLIENTS],
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
  for (let index = 0; index < ENTRIES; index += 1) {
    const id = randomUUID();
    const paid = index % 2 === 0;
    const row = {
      ...base(id),
      clientId: clientIds[index % CLIENTS],
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

  // Incremental: 100 updated clients, on the big replica and on a fresh small one.
  const updates = changes.filter((change) => change.entityType === 'client').slice(0, 100);
  const bump = () => updates.map((change) => ({ ...change, syncVersion: (version += 1) }));
  const incrementalBig = Math.min(
    ...[1, 2, 3, 4, 5].map(() =>
      time(() => {
        replica.applyChanges(bump(), version);
      }),
    ),
  );
  const small = new Replica(join(dir, 'small.sqlite'));
  small.applyChanges(changes.slice(0, 2_000), 2_000);
  const incrementalSmall = Math.min(
    ...[1, 2, 3, 4, 5].map(() =>
      time(() => {
        small.applyChanges(bump(), version);
      }),
    ),
  );
  small.close();

  // Local clients.list with a search.
  const searches = ['ana silva', 'joao', 'cliente12', '11910000', 'oliveira 99', 'bruno lima', 'exemplo'];
  const durations: number[] = [];
  for (let index = 0; index < 500; index += 1) {
    const search = searches[index % searches.length] ?? '';
    durations.push(time(() => replica.listClients({ search, page: 1, pageSize: 20 })));
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
    `incremental 100 changes: ${incrementalBig.toFixed(2)} ms on ${rows} rows, ${incrementalSmall.toFixed(2)} ms on 2 000 rows`,
  );
  console.log(
    `clients.list with search (500 runs): p50 ${percentile(50).toFixed(2)} ms, p99 ${percentile(99).toFixed(2)} ms (target p99 < 20 ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
