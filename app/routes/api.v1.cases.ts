import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApiToken } from "~/intake/api-tokens.server";
import { fileCaseFromApi } from "~/intake/api-intake.server";

const maximumBodyBytes = 256 * 1024;

const problem = (status: number, error: string, headers: HeadersInit = {}) => Response.json({ error }, { status, headers });

/** POST /api/v1/cases — other channels (LINE, call centre) file cases with a bearer token. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "method_not_allowed", { Allow: "POST" });
  const { services } = context;
  const now = Date.now();
  const client = await authenticateApiToken(services.db, request.headers.get("authorization"), now);
  if (!client) return problem(401, "unauthorized", { "WWW-Authenticate": 'Bearer realm="prongsai"' });
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return problem(415, "json_required");
  if (Number(request.headers.get("content-length") ?? 0) > maximumBodyBytes) return problem(413, "body_too_large");
  const text = await request.text();
  if (Buffer.byteLength(text) > maximumBodyBytes) return problem(413, "body_too_large");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem(400, "malformed_json");
  }
  const locale = (request.headers.get("accept-language") ?? "").toLowerCase().startsWith("en") ? "en" : "th";
  const result = await fileCaseFromApi(services, body, client.channel, client.tokenId, locale, now);
  return Response.json(result.body, { status: result.status });
}

export function loader() {
  return problem(405, "method_not_allowed", { Allow: "POST" });
}
