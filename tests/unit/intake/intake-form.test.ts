import { describe, expect, it } from "vitest";
import { filesIn, isHoneypotFilled, readSubmittedForm, sendsAcknowledgement } from "~/intake/intake-form.server";
import { submissionFromContact, submissionFromTip } from "~/intake/intake-submission";
import { privacyNoticeVersion } from "~/intake/intake.server";

const limits = { attachments: { maxFiles: 2, maxFileBytes: 1024 } };

function multipartRequest(form: FormData): Request {
  return new Request("http://prongsai.invalid/report", { method: "POST", body: form });
}

describe("reading a submitted form", () => {
  it("keeps every typed field and the files within the limits", async () => {
    const form = new FormData();
    form.set("whatHappened", "มีการเรียกรับเงิน");
    form.append("evidence", new File(["สวัสดี"], "note.txt", { type: "text/plain" }));
    const { formData, uploadProblems } = await readSubmittedForm(multipartRequest(form), limits, ["evidence"]);
    expect(formData.get("whatHappened")).toBe("มีการเรียกรับเงิน");
    expect(filesIn(formData, "evidence").map((file) => file.name)).toEqual(["note.txt"]);
    expect(uploadProblems).toEqual([]);
  });

  it("turns away a file over the size limit by name, and still reads the fields after it", async () => {
    const form = new FormData();
    form.append("evidence", new File([new Uint8Array(2048)], "big.pdf", { type: "application/pdf" }));
    form.set("whatHappened", "after the file");
    const { formData, uploadProblems } = await readSubmittedForm(multipartRequest(form), limits, ["evidence"]);
    expect(filesIn(formData, "evidence")).toEqual([]);
    expect(formData.get("whatHappened")).toBe("after the file");
    expect(uploadProblems).toEqual([{ field: "evidence", fileName: "big.pdf", reason: "too_large" }]);
  });

  it("turns away files beyond the count limit", async () => {
    const form = new FormData();
    for (const name of ["1.txt", "2.txt", "3.txt"]) form.append("evidence", new File(["x"], name, { type: "text/plain" }));
    const { formData, uploadProblems } = await readSubmittedForm(multipartRequest(form), limits, ["evidence"]);
    expect(filesIn(formData, "evidence").map((file) => file.name)).toEqual(["1.txt", "2.txt"]);
    expect(uploadProblems).toEqual([{ field: "evidence", fileName: "3.txt", reason: "too_many" }]);
  });

  it("ignores files sent in a field that takes none", async () => {
    const form = new FormData();
    form.append("whatHappened", new File(["x"], "sneaky.txt"));
    const { formData } = await readSubmittedForm(multipartRequest(form), limits, ["evidence"]);
    expect(formData.get("whatHappened")).toBeNull();
  });

  it("reads a form sent without files (url-encoded) as it is", async () => {
    const request = new Request("http://prongsai.invalid/track", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: "K7QF3-MZD88-XRWN2-C5HJ7", intent: "open" }),
    });
    const { formData, uploadProblems } = await readSubmittedForm(request, limits, ["evidence"]);
    expect(formData.get("code")).toBe("K7QF3-MZD88-XRWN2-C5HJ7");
    expect(uploadProblems).toEqual([]);
  });

  it("reads every field however the network cuts the body into chunks", async () => {
    const form = new FormData();
    form.set("whatHappened", "มีการเรียกรับเงินที่สำนักงานเขต");
    form.set("whereHappened", "สำนักงานเขต");
    form.append("evidence", new File(["สวัสดี"], "note.txt", { type: "text/plain" }));
    const sent = new Request("http://prongsai.invalid/report", { method: "POST", body: form });
    const contentType = sent.headers.get("content-type")!;
    const body = new Uint8Array(await sent.arrayBuffer());
    const lost: number[] = [];
    // Two chunks cut at every byte: the parser alone loses the whole form at one of these cuts.
    for (let cut = 1; cut < body.byteLength; cut += 1) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(body.slice(0, cut));
          controller.enqueue(body.slice(cut));
          controller.close();
        },
      });
      const request = new Request("http://prongsai.invalid/report", { method: "POST", body: stream, headers: { "content-type": contentType }, duplex: "half" } as RequestInit);
      const { formData } = await readSubmittedForm(request, limits, ["evidence"]);
      if (formData.get("whereHappened") !== "สำนักงานเขต" || filesIn(formData, "evidence").length !== 1) lost.push(cut);
    }
    expect(lost).toEqual([]);
  });

  it("reads a body that is no form as an empty form", async () => {
    const request = new Request("http://prongsai.invalid/track", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const { formData } = await readSubmittedForm(request, limits, ["evidence"]);
    expect([...formData.keys()]).toEqual([]);
  });
});

describe("the honeypot", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["   ", false],
    ["https://spam.example", true],
  ])("with %j is filled: %s", (value, filled) => {
    const form = new FormData();
    if (value !== undefined) form.set("website", value);
    expect(isHoneypotFilled(form)).toBe(filled);
  });
});

const tip = {
  categoryCode: "corruption.bribery",
  whatHappened: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งอนุมัติคำขอ",
  whenHappened: "มีนาคม 2569",
  whereHappened: undefined,
  peopleInvolved: "นาย ก",
  reporterRelation: "staff" as const,
  giveContact: false,
  contactName: "ไม่ควรถูกส่ง",
  contactEmail: "hidden@example.com",
  contactPhone: undefined,
};

describe("a corruption tip as intake files it", () => {
  it("is anonymous unless the reporter chose to give contact details", () => {
    const submission = submissionFromTip(tip, []);
    expect(submission).toMatchObject({
      kind: "corruption_tip",
      categoryCode: "corruption.bribery",
      narrative: tip.whatHappened,
      details: { when: "มีนาคม 2569", where: undefined },
      peopleInvolved: "นาย ก",
      reporterRelation: "staff",
    });
    expect(submission.identity).toBeUndefined();
    expect(submission.consentVersion).toBeUndefined();
    expect(sendsAcknowledgement(submission)).toBe(false);
  });

  it("carries the contact details and the notice version when the reporter gives them", () => {
    const submission = submissionFromTip({ ...tip, giveContact: true }, []);
    expect(submission.identity).toEqual({ name: "ไม่ควรถูกส่ง", email: "hidden@example.com", phone: undefined });
    expect(submission.consentVersion).toBe(privacyNoticeVersion);
    expect(sendsAcknowledgement(submission)).toBe(true);
  });
});

const contact = {
  kind: "complaint" as const,
  categoryCode: "complaint.service_quality",
  details: "รอคิวนานเกินสองชั่วโมง",
  identity: "named" as const,
  name: "สมชาย ใจดี",
  email: undefined,
  phone: "081 234 5678",
  consent: true,
};

describe("a general matter as intake files it", () => {
  it("names the reporter, with the notice version they agreed to", () => {
    const submission = submissionFromContact(contact, []);
    expect(submission).toMatchObject({ kind: "complaint", categoryCode: "complaint.service_quality", narrative: contact.details, reporterRelation: "unknown" });
    expect(submission.identity).toEqual({ name: "สมชาย ใจดี", email: undefined, phone: "081 234 5678" });
    expect(submission.consentVersion).toBe(privacyNoticeVersion);
    expect(sendsAcknowledgement(submission)).toBe(false);
  });

  it("drops contact details typed before choosing to stay anonymous", () => {
    const submission = submissionFromContact({ ...contact, identity: "anonymous", consent: false }, []);
    expect(submission.identity).toBeUndefined();
    expect(submission.consentVersion).toBeUndefined();
  });
});
