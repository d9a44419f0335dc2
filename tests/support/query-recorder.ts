import type { CompiledQuery, Kysely, KyselyPlugin, RootOperationNode } from "kysely";
import type { Database } from "../../db/schema";

/**
 * A database handle that records every query sent through it, compiled as sent, so a test can ask
 * the planner about the queries a service really makes (EXPLAIN of the same SQL and parameters).
 */
export function queryRecorder(db: Kysely<Database>) {
  // Every statement is built through `transformQuery` before it is sent, a streamed one included
  // (which, returning no rows, never comes back through `transformResult`). A subquery built from
  // the recording handle passes through it too, when the statement around it is built: it is left
  // out as part of that statement, whose tree holds the very node recorded for it.
  const built: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      built.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const compiled = (): CompiledQuery[] => {
    const inner = new Set<unknown>();
    for (const node of built) collectNested(node, inner);
    return built.filter((node) => !inner.has(node)).map((node) => db.getExecutor().compileQuery(node, { queryId: "recorded" }));
  };
  return { db: db.withPlugin(plugin), compiled };
}

/** Every object inside `node`'s tree, `node` itself excepted. */
function collectNested(node: object, found: Set<unknown>): void {
  for (const value of Object.values(node)) {
    if (value === null || typeof value !== "object" || found.has(value)) continue;
    found.add(value);
    collectNested(value, found);
  }
}

/**
 * The planner's plan for a recorded query, as one text: `explain` is the statement that asks for it
 * (`explain query plan` on SQLite, `explain` on PostgreSQL), run on the same SQL and parameters.
 */
export async function planOf(db: Pick<Kysely<Database>, "executeQuery">, explain: string, query: CompiledQuery): Promise<string> {
  const { rows } = await db.executeQuery<Record<string, string>>({ ...query, sql: `${explain} ${query.sql}` });
  return rows.map((row) => Object.values(row).join(" ")).join("\n");
}
