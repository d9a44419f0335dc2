import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { listMessages } from "~/i18n/translate";
import { contactSchema, corruptionTipSchema } from "~/intake/intake-schema";
import { uploadProblemErrors } from "~/ui/form-messages";

/*
 * Two faults the hostile-input fuzz (tests/integration/security/hostile-input.test.ts) found, kept
 * here as plain examples so they stay fixed even when the fuzz draws other cases.
 */

const limits = { maxFiles: 10, maxFileBytes: 20 * 1024 * 1024 };
const messageKeys = new Set(listMessages("th").keys());

describe("a form field named like an object's internals", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("%s gets its errors like any field, and no prototype changes", (field) => {
    const { fieldErrors } = uploadProblemErrors(
      [
        { field, reason: "text_too_long" },
        { field, fileName: "a.pdf", reason: "too_large" },
      ],
      limits,
    );
    expect(Object.hasOwn(fieldErrors, field)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(fieldErrors, field)?.value).toEqual(["validation.tooLong", "validation.fileTooLarge?fileName=a.pdf&megabytes=20"]);
    expect(Object.getPrototypeOf(fieldErrors)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)[field]).not.toEqual(expect.arrayContaining(["validation.tooLong"]));
  });
});

describe("a wrongly typed value sent by hand", () => {
  function errorsOf(schema: typeof corruptionTipSchema | typeof contactSchema, entries: Array<[string, string | File]>) {
    const form = new FormData();
    for (const [name, value] of entries) form.append(name, value);
    const submission = parseWithZod(form, { schema });
    expect(submission.status).toBe("error");
    return Object.values(submission.reply().error ?? {}).flatMap((messages) => messages ?? []);
  }

  it("gets a translatable message, never zod's English sentence", () => {
    const tip = errorsOf(corruptionTipSchema, [
      ["categoryCode", "corruption.procurement"],
      ["whatHappened", "ผู้อำนวยการสั่งให้ใช้รถราชการไปงานส่วนตัว"],
      ["reporterRelation", "staff"],
      ["giveContact", "yes please"],
      ["contactName", "a"],
      ["contactName", "b"],
      ["contactEmail", new File(["x"], "x.txt")],
      ["contactPhone", "1"],
      ["contactPhone", "2"],
    ]);
    const contact = errorsOf(contactSchema, [
      ["kind", "complaint"],
      ["categoryCode", "complaint.staff_conduct"],
      ["details", "รายละเอียดของเรื่องร้องเรียน"],
      ["identity", "named"],
      ["name", new File(["x"], "x.txt")],
      ["email", "a@example.org"],
      ["email", "b@example.org"],
      ["consent", "\u0000"],
    ]);
    expect(tip.length).toBeGreaterThanOrEqual(4);
    expect(contact.length).toBeGreaterThanOrEqual(3);
    for (const message of [...tip, ...contact]) expect(messageKeys.has(message), message).toBe(true);
  });
});

describe("text from people is never markup", () => {
  it("no component writes raw HTML: React escapes everything else", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(import.meta.dirname, "../../../app");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
