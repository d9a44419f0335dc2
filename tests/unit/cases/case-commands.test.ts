import { describe, expect, it } from "vitest";
import { caseCommandSchema } from "~/cases/case-actions.server";
import { caseCommandFields, caseCommandTypes, mayMergeInto } from "~/cases/case-commands";
import type { CaseKind } from "~/db.server";
import { caseKinds } from "~/vocabulary";

describe("the case commands' fields", () => {
  it("are the fields the service's schema reads, command by command", () => {
    const shapes = Object.fromEntries(caseCommandSchema.innerType().options.map((option) => [option.shape.type.value, Object.keys(option.shape).filter((key) => key !== "type").sort()]));
    expect(Object.keys(shapes).sort()).toEqual([...caseCommandTypes].sort());
    for (const type of caseCommandTypes) expect(shapes[type]).toEqual([...caseCommandFields[type]].sort());
  });

  it("keeps each field's rule whichever command uses it", () => {
    expect(caseCommandSchema.safeParse({ type: "reply", message: "  " }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ type: "reject", reason: "x".repeat(4_001) }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ type: "refer", agency: "other" }).error?.issues).toEqual([expect.objectContaining({ path: ["agencyName"], message: "required" })]);
    expect(caseCommandSchema.parse({ type: "assign", assigneeId: " abc ", message: "ignored" })).toEqual({ type: "assign", assigneeId: "abc" });
  });
});

describe("which kind of case a duplicate may be merged into", () => {
  const otherKinds = caseKinds.filter((kind) => kind !== "corruption_tip");

  it("merges a corruption tip only into another corruption tip, whose end still needs a supervisor's approval", () => {
    expect(mayMergeInto("corruption_tip", "corruption_tip")).toBe(true);
    for (const into of otherKinds) expect([into, mayMergeInto("corruption_tip", into)]).toEqual([into, false]);
  });

  it.each(otherKinds)("merges a %s into a case of any kind", (from: CaseKind) => {
    for (const into of caseKinds) expect([into, mayMergeInto(from, into)]).toEqual([into, true]);
  });
});
