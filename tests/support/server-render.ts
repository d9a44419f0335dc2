import { afterAll, beforeAll, vi, type MockInstance } from "vitest";

/**
 * For tests that render a page through React Router with `renderToString`: the router's links warn
 * that layout effects do not run in a server render, which is expected there; every other console
 * error still shows. Call it inside the `describe` (or at the top level of the file).
 */
export function quietServerLayoutEffectWarnings(): void {
  let consoleError: MockInstance<typeof console.error>;
  beforeAll(() => {
    const original = console.error.bind(console);
    consoleError = vi.spyOn(console, "error").mockImplementation((message: unknown, ...rest: unknown[]) => {
      if (typeof message === "string" && message.startsWith("Warning: useLayoutEffect does nothing on the server")) return;
      original(message, ...rest);
    });
  });
  afterAll(() => consoleError.mockRestore());
}

/** Text as React writes it into HTML. */
export function escapedForHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("'", "&#x27;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
