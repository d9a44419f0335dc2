import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { escapedForHtml, quietServerLayoutEffectWarnings } from "../../support/server-render";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import TrackPage from "../../../app/routes/track";
import type { ReporterCaseView } from "../../../app/tracking/tracking.server";

/**
 * /track after a reporter's reply to a case that was closed while they were writing: the case
 * page comes back without its reply form, so the message they sent comes back read-only, from the
 * action's answer to that very submission, for them to copy — in both languages, and with no form
 * that could send it (or anything else) again.
 */

const code = "K7QF3-MZD88-XRWN2-C5HJ7";

function viewOf(status: ReporterCaseView["status"]): ReporterCaseView {
  return {
    reference: "PS-2569-000123",
    kind: "complaint",
    status,
    filedAt: Date.UTC(2026, 10, 2, 3),
    isAnonymous: true,
    nextDeadline: null,
    timeline: [{ type: "filed", toStatus: "new", at: Date.UTC(2026, 10, 2, 3) }],
    messages: [{ id: "m1", author: "staff", body: "เจ้าหน้าที่ดำเนินการแก้ไขแล้ว", createdAt: Date.UTC(2026, 10, 3, 3), isUnread: false }],
    attachments: [],
    unreadCount: 0,
  };
}

const typed = `ขอบคุณค่ะ แต่ถนนหน้าบ้านยังมีน้ำขัง <ดูรูปเดิม> & "ยังไม่ได้ซ่อม"\nบรรทัดที่สอง ${"รายละเอียดเพิ่มเติม ".repeat(40)}`;

/** What the action answers for the case page (see `action` in app/routes/track.tsx). */
function caseAnswer(status: ReporterCaseView["status"], intent: "reply" | "evidence", notice: "notOpen" | "replied" | undefined, message?: string) {
  const reply = intent === "reply" ? { status: notice === "replied" ? ("success" as const) : undefined, initialValue: notice === "replied" ? null : { code, intent, message } } : undefined;
  return { stage: "case" as const, intent, code, view: viewOf(status), notice, reply, evidence: undefined };
}

function render(locale: "th" | "en", actionData: unknown): string {
  const router = createMemoryRouter([{ id: "root", path: "/", children: [{ id: "routes/track", path: "track", element: <TrackPage /> }] }], {
    initialEntries: ["/track"],
    hydrationData: {
      loaderData: { root: { locale }, "routes/track": { attachments: { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, accept: ".pdf,.jpg" } } },
      actionData: { "routes/track": actionData },
    },
  });
  return renderToString(<RouterProvider router={router} />);
}

function unsentBlockOf(html: string): string {
  return html.match(/<section[^>]*data-unsent-reply.*?<\/section>/s)?.[0] ?? "";
}

describe("/track after a reply to a case closed meanwhile", () => {
  quietServerLayoutEffectWarnings();

  it.each([
    ["th", th],
    ["en", en],
  ] as const)("in %s: says it was not sent and gives the message back, read-only, to copy", (locale, messages) => {
    const html = render(locale, caseAnswer("closed", "reply", "notOpen", typed));
    expect(html).toContain(escapedForHtml(messages.tracking.notOpenTitle));
    expect(html).toContain(escapedForHtml(messages.tracking.notOpen));
    // No reply form for a closed case: nothing could send the message again.
    expect(html).not.toContain('name="message"');
    expect(html).not.toContain('value="reply"');
    const block = unsentBlockOf(html);
    expect(block).toContain(`<h2 id="unsent-reply-heading">${escapedForHtml(messages.tracking.unsentReply.heading)}</h2>`);
    expect(block).toContain(escapedForHtml(messages.tracking.unsentReply.copy));
    expect(block).toContain(`<label for="track-unsent-reply" class="field__label">${escapedForHtml(messages.tracking.reply.label)}</label>`);
    expect(block).toContain(`<textarea id="track-unsent-reply" class="field__input" rows="6" readonly="">${escapedForHtml(typed)}</textarea>`);
    expect(block).not.toContain("<form");
    expect(block).not.toContain(code);
  });

  it("shows nothing unsent after a reply that was sent, or after evidence refused for a closed case", () => {
    const sent = render("th", caseAnswer("in_progress", "reply", "replied"));
    expect(unsentBlockOf(sent)).toBe("");
    expect(sent).toContain(escapedForHtml(th.tracking.reply.sent));
    expect(unsentBlockOf(render("th", caseAnswer("closed", "evidence", "notOpen")))).toBe("");
  });

  it("a case still open keeps the message in its reply form instead", () => {
    const html = render("en", caseAnswer("in_progress", "reply", "notOpen", typed));
    expect(unsentBlockOf(html)).toBe("");
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="message"[^>]*>${escapedForHtml(typed).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</textarea>`));
  });
});
