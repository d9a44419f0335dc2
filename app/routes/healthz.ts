import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkHealth } from "~/health/health.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const report = await checkHealth(context.services.db);
  if (report.status !== "ok") context.logger.error({ database: report.database }, "health check failed");
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
