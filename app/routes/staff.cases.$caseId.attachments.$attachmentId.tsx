import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/staff-request.server";
import { downloadAttachment } from "~/cases/case-workspace.server";
import { routeId } from "~/security/route-id";

/*
 * One evidence file, for an officer allowed to download it (the service checks and audits). Always
 * a download, never shown inline, and never sniffed into something runnable: the bytes came from a
 * reporter.
 */

/** RFC 6266 / 5987: the name in UTF-8, percent-encoded, so a Thai file name survives any browser. */
function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const result = await downloadAttachment(
    context.services,
    staff.user,
    routeId(params.caseId),
    params.attachmentId ?? "",
    Date.now()
  );
  if ("problem" in result)
    throw new Response(null, {
      status: result.problem === "not_found" ? 404 : 403,
    });
  const { download } = result;
  return new Response(new Uint8Array(download.bytes), {
    status: 200,
    headers: {
      "Content-Type": download.mediaType,
      "Content-Length": String(download.bytes.byteLength),
      // nosniff and no-store come from the server for every response (server.ts).
      "Content-Disposition": contentDisposition(download.fileName),
    },
  });
}
