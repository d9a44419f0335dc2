import type { CompiledQuery, Kysely, KyselyPlugin, RootOperationNode } from "kysely";
import type { Database } from "../../db/schema";

/**
 * A database handle that records every query sent through it, compiled as sent, so a test can ask
 * the planner about the queries a service really makes (EXPLAIN of the same SQL and parameters).
 */
export function queryRecorder(db: Kysely<Database>) {
  const nodes: RootOperationNode[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.push(args.node);
      return args.node;
    },
    transformResult: async (args) => args.result,
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
