import { describe, expect, it } from "vitest";
import { caseCommandSchema } from "~/cases/case-actions.server";
import { caseCommandFields, caseCommandTypes } from "~/cases/case-commands";

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
