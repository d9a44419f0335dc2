import { describe, expect, it } from "vitest";
import { escapedForHtml, quietServerLayoutEffectWarnings, renderUnderRoot } from "../../support/server-render";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { CaseActions } from "../../../app/ui/staff-case/case-actions";
import type { CommandFailure, CommandOptions, Workspace } from "../../../app/ui/staff-case/types";

/**
 * The case page's side column for a supervisor on a corruption tip: the recusal form (a plain POST,
 * so it works without JavaScript) and the merge form's warning that a tip joins only another tip,
 * in both languages, with a refused command's reason shown above its own form.
 */

/** Only what the side column reads of a case. */
const workspace = {
  kind: "corruption_tip",
  allowedActions: ["merge", "recuse_staff"],
  updatedAt: 0,
  timeline: [],
  thread: [],
  internalNotes: null,
  assignee: null,
} as unknown as Workspace;

const options: CommandOptions = {
  kinds: [],
  priorities: [],
  outcomes: [],
  agencies: [],
  categories: [],
  assignees: [],
  recusableStaff: [
    { id: "staff-kanya", displayName: "กัญญา ตรวจสอบ", role: "investigator" },
    { id: "staff-suda", displayName: "สุดา ตรวจสอบ", role: "investigator" },
  ],
};

function render(locale: "th" | "en", failure?: CommandFailure, recusableStaff = options.recusableStaff): string {
  const page = <CaseActions workspace={workspace} options={{ ...options, recusableStaff }} failure={failure} staffId="staff-supervisor" />;
  return renderUnderRoot(page, { locale, pattern: "staff/cases/:caseId", path: "/staff/cases/c1" });
}

/** The HTML of the form that sends `intent`. */
function formOf(html: string, intent: string): string {
  return html.match(new RegExp(`<form[^>]*data-intent="${intent}".*?</form>`, "s"))?.[0] ?? "";
}

describe("the recusal form on the case page", () => {
  quietServerLayoutEffectWarnings();

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a plain POST naming whom, by name and role, and why", (locale, messages) => {
    const html = render(locale);
    expect(html).toContain(escapedForHtml(messages.staffCase.actions.recuse_staff.heading));
    const form = formOf(html, "recuse_staff");
    expect(form).toMatch(/^<form method="post"/);
    expect(form).toContain('<input type="hidden" name="intent" value="recuse_staff"/>');
    expect(form).toMatch(/<select[^>]*name="recusedStaffId"/);
    const role = messages.staffAuth.roles.investigator;
    expect(form).toContain(`<option value="staff-kanya">${messages.staffCase.actions.recuse_staff.staffOption.replace("{name}", "กัญญา ตรวจสอบ").replace("{role}", role)}</option>`);
    expect(form).toContain('<option value="staff-suda">');
    expect(form).toMatch(/<textarea[^>]*name="reason"/);
    expect(form).toContain(escapedForHtml(messages.staffCase.actions.recuse_staff.staffHint));
    expect(form).toContain(escapedForHtml(messages.staffCase.actions.recuse_staff.submit));
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: says when nobody can be recused, instead of an empty list", (locale, messages) => {
    const html = render(locale, undefined, []);
    expect(formOf(html, "recuse_staff")).toBe("");
    expect(html).toContain(escapedForHtml(messages.staffCase.actions.recuse_staff.noneEligible));
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a refused recusal of oneself says why, above the recusal form only, with what was chosen", (locale, messages) => {
    const failure: CommandFailure = { intent: "recuse_staff", problem: "cannot_recuse_self", fieldErrors: {}, formErrors: [], values: { recusedStaffId: "staff-suda", reason: "ทดลอง" } };
    const html = render(locale, failure);
    const form = formOf(html, "recuse_staff");
    expect(form).toContain('data-problem="cannot_recuse_self"');
    expect(form).toContain(escapedForHtml(messages.staffCase.problems.cannot_recuse_self));
    expect(form).toContain(">ทดลอง</textarea>");
    expect(formOf(html, "merge")).not.toContain("data-problem");
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: the merge form of a tip warns that it joins only another tip, and a refusal says so", (locale, messages) => {
    const warned = formOf(render(locale), "merge");
    expect(warned).toContain(escapedForHtml(messages.staffCase.actions.merge.tipHint));
    expect(warned).not.toContain(escapedForHtml(messages.staffCase.actions.merge.hint));
    const failure: CommandFailure = { intent: "merge", problem: "merge_target_not_corruption_tip", fieldErrors: {}, formErrors: [], values: { intoReference: "PS-2569-000001" } };
    const refused = formOf(render(locale, failure), "merge");
    expect(refused).toContain(escapedForHtml(messages.staffCase.problems.merge_target_not_corruption_tip));
    expect(refused).toContain('value="PS-2569-000001"');
  });
});
