import { describe, expect, it } from "vitest";
import { routeEscalation } from "../../../app/escalation/routing";

const wilai = { id: "executive-1", email: "wilai@agency.example" };
const somsak = { id: "executive-2", email: "somsak@agency.example" };
const committee = { id: "committee-1", email: "committee@agency.example" };

describe("routing an escalation around implicated executives", () => {
  it.each([
    // implicated                              role                recipients             why
    [[], "executive", [wilai, somsak], "nobody implicated: every executive"],
    [["executive-1"], "executive", [somsak], "the executive named in the case is left out"],
    [["executive-1", "executive-2"], "audit_committee", [committee], "every executive implicated: the audit committee"],
    [["executive-1", "executive-2", "committee-1"], "audit_committee", [], "an implicated committee member is left out too"],
  ] as const)("%#: implicated %j → %s (%s)", (implicated, role, recipients, _why) => {
    expect(routeEscalation([wilai, somsak], [committee], new Set(implicated))).toEqual({ role, recipients });
  });

  it("goes to the audit committee when the agency has no active executive", () => {
    expect(routeEscalation([], [committee], new Set())).toEqual({ role: "audit_committee", recipients: [committee] });
  });
});
