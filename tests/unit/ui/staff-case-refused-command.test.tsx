import { describe, expect, it } from "vitest";
import { escapedForHtml, quietServerLayoutEffectWarnings, renderUnderRoot } from "../../support/server-render";
import type { CaseCommandType } from "../../../app/cases/case-commands";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { CaseActions } from "../../../app/ui/staff-case/case-actions";
import type { CommandFailure, CommandOptions, Workspace } from "../../../app/ui/staff-case/types";

/**
 * The case page's side column after a refused command whose form the page no longer offers: an
 * officer wrote a long reply while a colleague resolved the case, and without JavaScript the page
 * comes back with the case as it is now, where replying is not offered. The refusal is still said,
 * in both languages, and the reply comes back read-only, to be copied; it is sent by no form.
 */

/** Only what the side column reads of a case; `allowedActions` is the case as it is now. */
function workspaceAllowing(allowedActions: readonly CaseCommandType[]): Workspace {
  return {
    kind: "complaint",
    allowedActions,
    updatedAt: 0,
    timeline: [],
    thread: [],
    internalNotes: [],
    assignee: null,
    endingIsForTheSupervisor: false,
  } as unknown as Workspace;
}

const options: CommandOptions = {
  kinds: [],
  priorities: [],
  outcomes: [],
  agencies: [],
  categories: [],
  assignees: [],
  recusableStaff: [],
};

function render(locale: "th" | "en", workspace: Workspace, failure?: CommandFailure): string {
  const page = <CaseActions workspace={workspace} options={options} failure={failure} staffId="staff-suda" />;
  return renderUnderRoot(page, { locale, pattern: "staff/cases/:caseId", path: "/staff/cases/c1" });
}

/** The HTML of the form that sends `intent`. */
function formOf(html: string, intent: string): string {
  return html.match(new RegExp(`<form[^>]*data-intent="${intent}".*?</form>`, "s"))?.[0] ?? "";
}

/** The HTML of the block that stands for the refused command's form. */
function refusedBlockOf(html: string, intent: string): string {
  return html.match(new RegExp(`<section[^>]*data-refused-intent="${intent}".*?</section>`, "s"))?.[0] ?? "";
}

/** A long reply with line breaks and markup-like text, as an officer may well write it. */
const longReply = `เรียนผู้แจ้ง\nหน่วยงานได้ตรวจสอบเรื่องของท่านแล้ว <b>พบว่า</b> "ผู้รับเหมา" & ผู้ควบคุมงาน ${"ได้ดำเนินการแก้ไขแล้ว ".repeat(40)}\nขอบคุณครับ`;

const refusedReply: CommandFailure = { intent: "reply", problem: "not_allowed_in_status", fieldErrors: {}, formErrors: [], values: { message: longReply } };

/** A resolved case: the officer may reopen it and note, no longer reply. */
const resolvedCase = workspaceAllowing(["reopen", "internal_note"]);

describe("a refused command whose form is no longer offered", () => {
  quietServerLayoutEffectWarnings();

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a reply refused because the case was resolved meanwhile says why and gives the text back to copy", (locale, messages) => {
    const html = render(locale, resolvedCase, refusedReply);
    expect(formOf(html, "reply")).toBe("");
    const block = refusedBlockOf(html, "reply");
    expect(block).toContain(`aria-label="${escapedForHtml(messages.staffCase.actions.reply.heading)}"`);
    expect(block).toMatch(/<div role="alert" tabindex="-1" autofocus="" class="alert alert--error" data-problem="not_allowed_in_status">/);
    expect(block).toContain(escapedForHtml(messages.staffCase.problems.title));
    expect(block).toContain(escapedForHtml(messages.staffCase.problems.not_allowed_in_status));
    expect(block).toContain(escapedForHtml(messages.staffCase.refused.notOffered.replace("{command}", messages.staffCase.actions.reply.heading)));
    expect(block).toContain(escapedForHtml(messages.staffCase.refused.typedBelow));
    // Read-only, under its form's label, with every character and line break, and sent by no form.
    expect(block).toContain(`<label for="case-reply-message-unsent" class="field__label">${escapedForHtml(messages.staffCase.actions.reply.label)}</label>`);
    const box = block.match(/<textarea[^>]*>.*?<\/textarea>/s)?.[0] ?? "";
    expect(box).toMatch(/^<textarea id="case-reply-message-unsent" class="field__input" rows="5" readonly="">/);
    expect(box).toContain(`>${escapedForHtml(longReply)}</textarea>`);
    expect(box).not.toContain("name=");
    expect(block).not.toContain("<form");
    // The forms still offered are drawn as usual, without another form's refusal.
    expect(formOf(html, "internal_note")).toContain('<textarea id="case-internal_note-message" name="message"');
    expect(formOf(html, "internal_note")).not.toContain("data-problem");
    expect(formOf(html, "reopen")).not.toContain("data-problem");
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a press refused because a colleague pressed first says why, with nothing to copy", (locale, messages) => {
    const failure: CommandFailure = { intent: "acknowledge", problem: "not_allowed_in_status", fieldErrors: {}, formErrors: [], values: {} };
    const block = refusedBlockOf(render(locale, workspaceAllowing(["start_work", "reply"]), failure), "acknowledge");
    expect(block).toContain(escapedForHtml(messages.staffCase.problems.not_allowed_in_status));
    expect(block).toContain(escapedForHtml(messages.staffCase.refused.notOffered.replace("{command}", messages.staffCase.actions.acknowledge.heading)));
    expect(block).not.toContain(escapedForHtml(messages.staffCase.refused.typedBelow));
    expect(block).not.toContain("<textarea");
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a referral refused after the case ended gives back the agency's name and the date typed, and says the issues too", (locale, messages) => {
    const failure: CommandFailure = {
      intent: "refer",
      problem: "invalid_input",
      fieldErrors: { referredOn: ["staffCase.issues.in_the_future"] },
      formErrors: [],
      values: { agency: "other", agencyName: "สำนักงานการตรวจเงินแผ่นดิน", referredOn: "2099-01-01" },
    };
    const block = refusedBlockOf(render(locale, resolvedCase, failure), "refer");
    expect(block).toContain(escapedForHtml(messages.staffCase.issues.in_the_future));
    expect(block).toContain(`<label for="case-refer-agencyName-unsent" class="field__label">${escapedForHtml(messages.staffCase.actions.refer.agencyNameLabel)}</label>`);
    expect(block).toContain('<input id="case-refer-agencyName-unsent" type="text" class="field__input" readonly="" value="สำนักงานการตรวจเงินแผ่นดิน"/>');
    expect(block).toContain('readonly="" value="2099-01-01"/>');
    // A choice is not typed text: it is chosen again in a press, and its value means nothing to read.
    expect(block).not.toContain('value="other"');
  });

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: a recusal refused when nobody is left to recuse keeps its reason above the note that nobody can be", (locale, messages) => {
    const failure: CommandFailure = { intent: "recuse_staff", problem: "recused_staff_not_eligible", fieldErrors: {}, formErrors: [], values: { recusedStaffId: "staff-kanya", reason: "ผู้แจ้งระบุว่าเป็นญาติของผู้ถูกกล่าวหา" } };
    const html = render(locale, workspaceAllowing(["recuse_staff"]), failure);
    expect(html).toContain(escapedForHtml(messages.staffCase.actions.recuse_staff.noneEligible));
    const block = refusedBlockOf(html, "recuse_staff");
    expect(block).toContain(escapedForHtml(messages.staffCase.problems.recused_staff_not_eligible));
    expect(block).toContain(`<label for="case-recuse_staff-reason-unsent" class="field__label">${escapedForHtml(messages.staffCase.actions.recuse_staff.reasonLabel)}</label>`);
    expect(block).toContain(">ผู้แจ้งระบุว่าเป็นญาติของผู้ถูกกล่าวหา</textarea>");
  });

  it("a refused command whose form is still offered is shown in that form, once, with what was typed", () => {
    const html = render("th", workspaceAllowing(["reply", "internal_note"]), refusedReply);
    expect(html).not.toContain("data-refused-intent");
    expect(html.match(/data-problem=/g)).toHaveLength(1);
    const form = formOf(html, "reply");
    expect(form).toContain('data-problem="not_allowed_in_status"');
    expect(form).toContain(`>${escapedForHtml(longReply)}</textarea>`);
  });
});
