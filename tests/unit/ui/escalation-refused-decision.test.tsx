import { describe, expect, it } from "vitest";
import { escapedForHtml, quietServerLayoutEffectWarnings, renderUnderRoot } from "../../support/server-render";
import { executiveDecisions } from "../../../app/escalation/decision-rules";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { RefusedDecision, type DecisionFailure } from "../../../app/ui/escalations/refused-decision";

/**
 * The escalation page after a decision refused because someone else decided first: the page comes
 * back without the decision form, so the refusal stands in its place, in both languages, with the
 * decision, the date and the note the executive wrote, read-only to be copied and sent by no form.
 */

function render(locale: "th" | "en", failure: DecisionFailure): string {
  const page = <RefusedDecision failure={failure} decisions={executiveDecisions} />;
  return renderUnderRoot(page, { locale, pattern: "staff/escalations/:escalationId", path: "/staff/escalations/e1" });
}

const note = `สั่งการให้ทีมตรวจสอบสัญญาจัดซื้อทั้งหมดของปีงบประมาณ 2569\nและรายงาน "ผลการตรวจสอบ" ภายใน 30 วัน ${"โดยละเอียด ".repeat(30)}`;

describe("a decision refused because the escalation was decided meanwhile", () => {
  quietServerLayoutEffectWarnings();

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: says so and gives back the decision, the date and the note", (locale, messages) => {
    const html = render(locale, { problem: "already_decided", fieldErrors: {}, values: { decision: "order_action", note, actionDueOn: "2026-12-15" } });
    const form = messages.escalations.decisionForm;
    expect(html).toContain(`<h2 id="escalation-refused-heading">${escapedForHtml(form.heading)}</h2>`);
    expect(html).toMatch(/<div role="alert" tabindex="-1" autofocus="" class="alert alert--error" data-problem="already_decided">/);
    expect(html).toContain(escapedForHtml(form.problems.title));
    expect(html).toContain(escapedForHtml(form.problems.already_decided));
    expect(html).toContain(escapedForHtml(form.unsent.typedBelow));
    expect(html).toContain(`<label for="escalation-decision-unsent" class="field__label">${escapedForHtml(form.decisionLabel)}</label>`);
    expect(html).toContain(`readonly="" value="${escapedForHtml(messages.escalations.decisions.order_action)}"/>`);
    expect(html).toContain(`<label for="escalation-actionDueOn-unsent" class="field__label">${escapedForHtml(form.actionDueLabel)}</label>`);
    expect(html).toContain('readonly="" value="2026-12-15"/>');
    expect(html).toContain(`<label for="escalation-note-unsent" class="field__label">${escapedForHtml(form.noteLabel)}</label>`);
    expect(html).toContain(`<textarea id="escalation-note-unsent" class="field__input" rows="5" readonly="">${escapedForHtml(note)}</textarea>`);
    expect(html).not.toContain("<form");
    expect(html).not.toContain("name=");
  });

  it("leaves out what was not given, and a decision it does not know", () => {
    const html = render("th", { problem: "already_decided", fieldErrors: {}, values: { decision: "fire_everyone", note: "ปิดเรื่อง", actionDueOn: "  " } });
    expect(html).not.toContain("escalation-decision-unsent");
    expect(html).not.toContain("fire_everyone");
    expect(html).not.toContain("escalation-actionDueOn-unsent");
    expect(html).toContain(">ปิดเรื่อง</textarea>");
  });

  it("with nothing written, says only why", () => {
    const html = render("en", { problem: "already_decided", fieldErrors: {}, values: { decision: "", note: "", actionDueOn: "" } });
    expect(html).toContain(escapedForHtml(en.escalations.decisionForm.problems.already_decided));
    expect(html).not.toContain(escapedForHtml(en.escalations.decisionForm.unsent.typedBelow));
    expect(html).not.toContain("data-unsent-text");
  });
});
