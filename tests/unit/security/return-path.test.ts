import { describe, expect, it } from "vitest";
import { isSameSitePath, returnPathSchema } from "../../../app/security/return-path";

describe("return paths", () => {
  it.each(["/", "/track", "/staff/cases/abc?queue=mine", "/contact?kind=question#form"])("accept %s", (path) => {
    expect(isSameSitePath(path)).toBe(true);
  });

  it.each(["", "track", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)", "/\u0000x"])("refuse %j", (path) => {
    expect(isSameSitePath(path)).toBe(false);
    expect(returnPathSchema("/staff").parse(path)).toBe("/staff");
  });

  it("fall back on anything that is not text", () => {
    expect(returnPathSchema("/").parse(null)).toBe("/");
    expect(returnPathSchema("/").parse(42)).toBe("/");
  });
});
