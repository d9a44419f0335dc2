import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { handleError } from "../../../app/entry.server";
import { createLogger } from "../../../app/logging/logger.server";

/**
 * An error a loader or action throws goes through the app's logger, with its redaction, not to
 * stderr raw (Remix's default `console.error`); an abandoned request logs nothing.
 */
describe("the server's error handler", () => {
  function capture() {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger("info", destination);
    const argsOf = (request: Request) => ({ request, params: {}, context: { logger } as unknown as AppLoadContext }) as LoaderFunctionArgs;
    return { lines, argsOf };
  }

  it("logs through the logger, blanking what an error object carries of the request", async () => {
    const { lines, argsOf } = capture();
    const error = Object.assign(new Error("upstream refused"), { headers: { cookie: "prongsai_session=secret" } });
    handleError(error, argsOf(new Request("http://localhost/staff")));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: "request failed", err: { message: "upstream refused", headers: "[redacted]" } });
    expect(JSON.stringify(lines)).not.toContain("secret");
  });

  it("says nothing of a request the client abandoned", async () => {
    const { lines, argsOf } = capture();
    const abandoned = new AbortController();
    abandoned.abort();
    handleError(new Error("aborted"), argsOf(new Request("http://localhost/report", { signal: abandoned.signal })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([]);
  });
});
