import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { exportFormats } from "~/reports/report-export";
import { parseSelection } from "~/reports/report-selection";
import { exportEvidencePack } from "~/reports/report-view.server";

/*
 * The evidence pack of a fiscal year as a file (?fy=2569&format=xlsx|csv&team=…&category=…): the
 * same bytes `npm run report:export` writes. Each download is audited (reports.exported), always an
 * attachment, and never cached: the figures change as cases move.
 */

const formatSchema = z.enum(exportFormats);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "reports.view");
  const now = Date.now();
  const searchParams = new URL(request.url).searchParams;
  const format = formatSchema.safeParse(searchParams.get("format"));
  if (!format.success) throw new Response(null, { status: 400 });
  const file = await exportEvidencePack(context.services, { type: "staff", user: staff.user }, parseSelection(searchParams, now), format.data, now);
  if ("problem" in file) throw new Response(null, { status: 400 });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.bytes.byteLength),
      // The name is ASCII by construction (exportFileName).
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
