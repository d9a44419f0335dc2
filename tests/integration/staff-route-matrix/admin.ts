import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { issueApiToken } from "../../../app/admin/api-tokens.server";
import { createCategory } from "../../../app/admin/categories.server";
import { addHoliday } from "../../../app/admin/holidays.server";
import { createTeam } from "../../../app/admin/teams.server";
import { createStaffUser } from "../../../app/auth/staff-users.server";
import * as adminIndexRoute from "../../../app/routes/staff.admin._index";
import * as apiTokensRoute from "../../../app/routes/staff.admin.api-tokens";
import * as categoriesRoute from "../../../app/routes/staff.admin.categories";
import * as categoryRoute from "../../../app/routes/staff.admin.categories_.$categoryId";
import * as holidaysRoute from "../../../app/routes/staff.admin.holidays";
import * as teamsRoute from "../../../app/routes/staff.admin.teams";
import * as usersRoute from "../../../app/routes/staff.admin.users";
import * as accountRoute from "../../../app/routes/staff.admin.users_.$staffUserId";
import { visitors, type MatrixFixture, type MatrixRow, type Outcome, type Visitor } from "../../support/staff-route-matrix";

/**
 * The admin pages. Only the admin role holds any admin permission: every other role gets the 403
 * of `requirePermission`, and a signed-out visitor is sent to sign in.
 *
 * Each POST row does a real change for the admin, on something made for that row and visitor (a
 * fresh account, team, category, holiday or token), so no row disturbs the accounts and cases the
 * other areas' rows rely on. A change done redirects back to its admin page (303), which counts as
 * "allow" here, as a case command's redirect to its case page does in the shared test; an answer
 * of 400 or more is turned into that status, so a refused change cannot pass for "allow".
 */
const adminOnly: Record<Visitor, Outcome> = {
  signed_out: "login",
  intake_officer: 403,
  investigator: 403,
  recused_investigator: 403,
  supervisor: 403,
  executive: 403,
  audit_committee: 403,
  auditor: 403,
  admin: "allow",
};

async function answered(run: () => Promise<unknown>): Promise<unknown> {
  try {
    const result = await run();
    const status = (result as { init?: { status?: number } | null } | null)?.init?.status;
    if (status !== undefined && status >= 400) throw new Response(null, { status });
    return result;
  } catch (thrown) {
    const location = thrown instanceof Response ? (thrown.headers.get("Location") ?? "") : "";
    if (thrown instanceof Response && thrown.status === 303 && location.startsWith("/staff/admin/")) return { redirectedTo: location };
    throw thrown;
  }
}

function load(route: { loader: (args: LoaderFunctionArgs) => Promise<unknown> }, path: string, params: Record<string, string> = {}) {
  return (visitor: Visitor, fixture: MatrixFixture) => answered(() => route.loader({ request: fixture.request(visitor, path), context: fixture.context(), params } as LoaderFunctionArgs));
}

function post(fixture: MatrixFixture, visitor: Visitor, route: { action: (args: ActionFunctionArgs) => Promise<unknown> }, path: string, form: Record<string, string>, params: Record<string, string> = {}) {
  return answered(() => route.action({ request: fixture.request(visitor, path, form), context: fixture.context(), params } as ActionFunctionArgs));
}

/** A name unique to the visitor, usable in codes and e-mail addresses. */
function slug(visitor: Visitor): string {
  return `m${visitors.indexOf(visitor)}`;
}

async function freshAccount(fixture: MatrixFixture, visitor: Visitor, purpose: string): Promise<string> {
  const created = await createStaffUser(
    fixture.services,
    { email: `${purpose}.${slug(visitor)}@agency.go.th`, displayName: "บัญชีทดสอบ", role: "auditor", password: "river lantern mango orbit" },
    { type: "system" },
    Date.now(),
  );
  if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
  return created.staffUserId;
}

async function freshTeam(fixture: MatrixFixture, visitor: Visitor, purpose: string): Promise<string> {
  const created = await createTeam(fixture.services, { code: `${purpose}-${slug(visitor)}`, nameTh: "ทีมทดสอบ", nameEn: "Test team" }, fixture.staffIdOf("admin"), Date.now());
  if (!("teamId" in created)) throw new Error(JSON.stringify(created));
  return created.teamId;
}

async function accountAction(fixture: MatrixFixture, visitor: Visitor, form: Record<string, string>) {
  const staffUserId = await freshAccount(fixture, visitor, form.intent!.replaceAll("_", "-"));
  return post(fixture, visitor, accountRoute, `/staff/admin/users/${staffUserId}`, form, { staffUserId });
}

async function teamAction(fixture: MatrixFixture, visitor: Visitor, intent: "deactivate" | "activate") {
  const teamId = await freshTeam(fixture, visitor, intent);
  return post(fixture, visitor, teamsRoute, "/staff/admin/teams", { intent, teamId });
}

const categoryForm = { nameTh: "ประเภททดสอบ", nameEn: "Test category", teamCode: "service", isActive: "on", acknowledgeAmount: "2", acknowledgeUnit: "business_days", acknowledgeDueSoonPercent: "75" };

export const rows: MatrixRow[] = [
  { name: "GET /staff/admin", expected: adminOnly, run: load(adminIndexRoute, "/staff/admin") },
  { name: "GET /staff/admin/users", expected: adminOnly, run: load(usersRoute, "/staff/admin/users") },
  {
    name: "GET /staff/admin/users/<account>",
    expected: adminOnly,
    run: (visitor, fixture) => load(accountRoute, `/staff/admin/users/${fixture.staffIdOf("investigator")}`, { staffUserId: fixture.staffIdOf("investigator") })(visitor, fixture),
  },
  { name: "GET /staff/admin/teams", expected: adminOnly, run: load(teamsRoute, "/staff/admin/teams") },
  { name: "GET /staff/admin/categories", expected: adminOnly, run: load(categoriesRoute, "/staff/admin/categories") },
  { name: "GET /staff/admin/categories/new", expected: adminOnly, run: load(categoryRoute, "/staff/admin/categories/new", { categoryId: "new" }) },
  {
    name: "GET /staff/admin/categories/<category>",
    expected: adminOnly,
    run: async (visitor, fixture) => {
      const category = await fixture.services.db.selectFrom("categories").select("id").where("code", "=", "corruption.bribery").executeTakeFirstOrThrow();
      return load(categoryRoute, `/staff/admin/categories/${category.id}`, { categoryId: category.id })(visitor, fixture);
    },
  },
  { name: "GET /staff/admin/holidays", expected: adminOnly, run: load(holidaysRoute, "/staff/admin/holidays?fiscalYear=2570") },
  { name: "GET /staff/admin/api-tokens", expected: adminOnly, run: load(apiTokensRoute, "/staff/admin/api-tokens") },

  {
    name: "POST invite a staff account",
    expected: adminOnly,
    run: (visitor, fixture) => post(fixture, visitor, usersRoute, "/staff/admin/users", { email: `invited.${slug(visitor)}@agency.go.th`, displayName: "มาลี ตรวจสอบ", role: "auditor", teamCode: "" }),
  },
  { name: "POST change an account's role", expected: adminOnly, run: (visitor, fixture) => accountAction(fixture, visitor, { intent: "change_role", role: "investigator", teamCode: "integrity" }) },
  { name: "POST deactivate an account", expected: adminOnly, run: (visitor, fixture) => accountAction(fixture, visitor, { intent: "deactivate" }) },
  { name: "POST reactivate an account", expected: adminOnly, run: (visitor, fixture) => accountAction(fixture, visitor, { intent: "activate" }) },
  { name: "POST reset an account's second factor", expected: adminOnly, run: (visitor, fixture) => accountAction(fixture, visitor, { intent: "reset_second_factor" }) },

  {
    name: "POST create a team",
    expected: adminOnly,
    run: (visitor, fixture) => post(fixture, visitor, teamsRoute, "/staff/admin/teams", { intent: "create", code: `new-${slug(visitor)}`, nameTh: "ทีมใหม่", nameEn: "New team" }),
  },
  {
    name: "POST rename a team",
    expected: adminOnly,
    run: async (visitor, fixture) => {
      const teamId = await freshTeam(fixture, visitor, "rename");
      return post(fixture, visitor, teamsRoute, "/staff/admin/teams", { intent: "rename", teamId, nameTh: "ทีมเปลี่ยนชื่อ", nameEn: "Renamed team" });
    },
  },
  { name: "POST deactivate a team", expected: adminOnly, run: (visitor, fixture) => teamAction(fixture, visitor, "deactivate") },
  { name: "POST reactivate a team", expected: adminOnly, run: (visitor, fixture) => teamAction(fixture, visitor, "activate") },

  {
    name: "POST create a category",
    expected: adminOnly,
    run: (visitor, fixture) => post(fixture, visitor, categoryRoute, "/staff/admin/categories/new", { ...categoryForm, kind: "complaint", code: `complaint.${slug(visitor)}` }, { categoryId: "new" }),
  },
  {
    name: "POST edit a category and its SLA policy",
    expected: adminOnly,
    run: async (visitor, fixture) => {
      const created = await createCategory(
        fixture.services,
        { code: `question.${slug(visitor)}`, kind: "question", nameTh: "ก", nameEn: "A", teamCode: "service", isActive: false, policies: { acknowledge: null, first_response: null, resolve: null } },
        fixture.staffIdOf("admin"),
        Date.now(),
      );
      if (!("categoryId" in created)) throw new Error(JSON.stringify(created));
      return post(fixture, visitor, categoryRoute, `/staff/admin/categories/${created.categoryId}`, categoryForm, { categoryId: created.categoryId });
    },
  },

  {
    name: "POST add a holiday",
    expected: adminOnly,
    run: (visitor, fixture) => post(fixture, visitor, holidaysRoute, "/staff/admin/holidays", { intent: "add", date: `2031-03-${String(visitors.indexOf(visitor) + 10)}`, nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" }),
  },
  {
    name: "POST remove a holiday",
    expected: adminOnly,
    run: async (visitor, fixture) => {
      const date = `2031-04-${String(visitors.indexOf(visitor) + 10)}`;
      const added = await addHoliday(fixture.services, { date, nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" }, fixture.staffIdOf("admin"), Date.now());
      if (!("added" in added)) throw new Error(JSON.stringify(added));
      return post(fixture, visitor, holidaysRoute, "/staff/admin/holidays", { intent: "remove", date });
    },
  },

  {
    name: "POST create an intake-API token",
    expected: adminOnly,
    run: (visitor, fixture) => post(fixture, visitor, apiTokensRoute, "/staff/admin/api-tokens", { intent: "create", name: `Call centre ${slug(visitor)}`, channel: "phone" }),
  },
  {
    name: "POST revoke an intake-API token",
    expected: adminOnly,
    run: async (visitor, fixture) => {
      const issued = await issueApiToken(fixture.services, { name: `Line ${slug(visitor)}`, channel: "line" }, fixture.staffIdOf("admin"), Date.now());
      return post(fixture, visitor, apiTokensRoute, "/staff/admin/api-tokens", { intent: "revoke", tokenId: issued.id });
    },
  },
];
