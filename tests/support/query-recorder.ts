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
