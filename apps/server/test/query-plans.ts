// The index checks' shared part: run an API call, capture the SQL it sends, and EXPLAIN each statement on
// Postgres with sequential scans priced out — a statement that no index can serve still shows a Seq Scan.
import type { Database } from '@picineiros/db';

export type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
};

function flattenPlan(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flattenPlan)];
}

export type CapturedPlan = { sql: string; nodes: PlanNode[] };

/** The plans of the statements `call` sends whose SQL matches `statements`, in order. */
export async function plansOfCall(
  database: Database,
  call: () => Promise<unknown>,
  statements: RegExp,
): Promise<CapturedPlan[]> {
  const em = database.fork();
  const knex = em.getKnex();
  const captured: string[] = [];
  const capture = (data: { sql: string }) => {
    if (statements.test(data.sql)) captured.push(data.sql);
  };
  knex.on('query', capture);
  try {
    await call();
  } finally {
    knex.off('query', capture);
  }
  const plans: CapturedPlan[] = [];
  for (const sql of captured) {
    const nodes = await em.transactional(async (trx) => {
      await trx.execute('set local enable_seqscan = off');
      const [row] = await trx.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
        `explain (format json) ${sql}`,
      );
      const plan = row?.['QUERY PLAN'][0].Plan;
      if (!plan) throw new Error(`no plan for ${sql}`);
      return flattenPlan(plan);
    });
    plans.push({ sql, nodes });
  }
  return plans;
}

export function sequentialScansOf(plans: CapturedPlan[]): PlanNode[] {
  return plans.flatMap((plan) => plan.nodes.filter((node) => node['Node Type'] === 'Seq Scan'));
}

export function indexesUsedBy(plans: CapturedPlan[]): Set<string> {
  return new Set(plans.flatMap((plan) => plan.nodes.flatMap((node) => node['Index Name'] ?? [])));
}
