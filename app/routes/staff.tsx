import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { roleHasAction } from "~/auth/permissions";
import type { StaffActionWithoutCase } from "~/auth/permissions";
import { requireStaff } from "~/auth/staff-request.server";
import type { StaffRole } from "~/db.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches } from "~/i18n/use-translation";
import { noIndex, StaffLayout, staffFrameHandle, staffMenuItems, type StaffMenuItem } from "~/ui/StaffLayout";

/*
 * The layout of every signed-in staff page (/staff/*): signed out, or still owing the second factor,
 * the visitor is sent to sign in and brought back here afterwards. Sign-in itself lives in the
 * `staff_.*` routes, outside this layout.
 */

/** A menu item shows when the role has any of these actions. */
const menuActions: Readonly<Record<StaffMenuItem, readonly StaffActionWithoutCase[]>> = {
  queues: ["queue.mine", "queue.team", "queue.unassigned", "queue.all"],
  escalations: ["escalation.inbox"],
  audit: ["audit.view"],
  reports: ["reports.view"],
  admin: ["admin.users", "admin.teams", "admin.categories", "admin.holidays", "admin.api_tokens", "admin.webhooks"],
  fileOnBehalf: ["case.file_on_behalf"],
};

function menuOf(role: StaffRole): StaffMenuItem[] {
  return staffMenuItems.filter((item) => menuActions[item].some((action) => roleHasAction(role, action)));
}

/** The staff frame (root.tsx) for this layout and every page beneath it. */
export const handle = staffFrameHandle;

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAuth.layout.workspace") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  // X-Robots-Tag comes from the server for every /staff response (app/security/headers.server.ts).
  return { displayName: staff.user.displayName, role: staff.user.role, menu: menuOf(staff.user.role) };
}

export default function StaffLayoutRoute() {
  const { displayName, role, menu } = useLoaderData<typeof loader>();
  return (
    <StaffLayout displayName={displayName} role={role} menu={menu}>
      <Outlet />
    </StaffLayout>
  );
}
