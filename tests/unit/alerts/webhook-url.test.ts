import { describe, expect, it } from "vitest";
import { webhookUrlProblem } from "../../../app/alerts/webhook-url";

describe("where a webhook may point", () => {
  it.each([
    ["https://hooks.example.go.th/prongsai", "production", null],
    ["https://hooks.example.go.th:8443/in?team=7", "test", null],
    ["http://hooks.example.go.th/prongsai", "production", "not_https"],
    ["http://hooks.example.go.th/prongsai", "development", "not_https"],
    ["http://localhost:4000/hook", "development", null],
    ["http://127.0.0.1:4000/hook", "development", null],
    ["http://[::1]:4000/hook", "development", null],
    ["http://localhost:4000/hook", "production", "not_https"],
    ["http://localhost:4000/hook", "test", "not_https"],
    ["https://user:secret@hooks.example.go.th/", "production", "has_credentials"],
    ["ftp://hooks.example.go.th/", "production", "not_a_url"],
    ["hooks.example.go.th/prongsai", "production", "not_a_url"],
    ["", "production", "not_a_url"],
  ] as const)("%s in %s: %s", (url, environment, problem) => {
    expect(webhookUrlProblem(url, environment)).toBe(problem);
  });
});
