import type { CompiledQuery, Kysely, KyselyPlugin, QueryId, RootOperationNode } from "kysely";
import type { Database } from "../../db/schema";

/**
 * A database handle that records every query sent through it, compiled as sent, so a test can ask
 * the planner about the queries a service really makes (EXPLAIN of the same SQL and parameters).
 */
export function queryRecorder(db: Kysely<Database>) {
  // A subquery built from the recording handle passes through `transformQuery` too, when the
  // statement around it is built; only what is sent comes back through `transformResult`.
  const built = new Map<QueryId, RootOperationNode>();
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      built.set(args.queryId, args.node);
      return args.node;
    },
    transformResult: async (args) => {
      const node = built.get(args.queryId);
      if (node) nodes.push(node);
      built.delete(args.queryId);
      return args.result;
    },
  };
  const compiled = (): CompiledQuery[] => nodes.map((node) => db.getExecutor().compileQuery(node, { queryId: "recorded" }));
  return { db: db.withPlugin(plugin), compiled };
}

/**
 * The planner's plan for a recorded query, as one text: `explain` is the statement that asks for it
 * (`explain query plan` on SQLite, `explain` on PostgreSQL), run on the same SQL and parameters.
 */
export async function planOf(db: Pick<Kysely<Database>, "executeQuery">, explain: string, query: CompiledQuery): Promise<string> {
  const { rows } = await db.executeQuery<Record<string, string>>({ ...query, sql: `${explain} ${query.sql}` });
  return rows.map((row) => Object.values(row).join(" ")).join("\n");
}
