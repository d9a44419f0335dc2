import { describe, expect, it } from "vitest";
import { caseCommandFields, caseCommandTypes } from "~/cases/case-commands";
import { commandOf, issueMessage, placeIssues, submittedValues } from "~/ui/staff-case/command-submission";

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe("a case page form as a command", () => {
  it("reads only the fields of the command's form", () => {
    const sent = form({ intent: "refer", agency: "other", agencyName: "  ", referredOn: "2026-11-30", message: "not mine", assigneeId: "x" });
    expect(submittedValues(sent, "refer")).toEqual({ agency: "other", agencyName: "  ", referredOn: "2026-11-30" });
    expect(submittedValues(sent, "acknowledge")).toEqual({});
  });

  it("leaves out empty answers, so optional fields stay unanswered", () => {
    expect(commandOf("refer", { agency: "nacc", agencyName: "  ", referredOn: "" })).toEqual({ type: "refer", agency: "nacc" });
  });

  it("has a field list for every command", () => {
    expect(Object.keys(caseCommandFields).sort()).toEqual([...caseCommandTypes].sort());
  });
});

describe("input problems", () => {
  it("asks to choose when a list field is missing, and to fill in when a text is", () => {
    expect(issueMessage({ field: "outcome", code: "invalid_enum_value" })).toBe("staffCase.issues.choose");
    expect(issueMessage({ field: "message", code: "too_small" })).toBe("staffCase.issues.required");
    expect(issueMessage({ field: "message", code: "too_big" })).toBe("staffCase.issues.tooLong");
    expect(issueMessage({ field: "message", code: "constructor" })).toBe("staffCase.issues.invalid");
  });

  it("puts each issue beside its field, and one about no field of the form above it", () => {
    expect(
      placeIssues("refer", [
        { field: "agencyName", code: "required" },
        { field: "referredOn", code: "in_the_future" },
        { field: "type", code: "invalid_union_discriminator" },
      ]),
    ).toEqual({
      fieldErrors: { agencyName: ["staffCase.issues.required"], referredOn: ["staffCase.issues.in_the_future"] },
      formErrors: ["staffCase.issues.invalid"],
    });
  });
});
