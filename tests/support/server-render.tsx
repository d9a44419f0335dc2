import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterAll, beforeAll, vi, type MockInstance } from "vitest";

/**
 * A part of a page as the server renders it: `element` at `path` (matching `pattern`) under a root
 * route whose data says the locale, as the app's root loader does.
 */
export function renderUnderRoot(element: ReactElement, { locale, pattern, path }: { locale: "th" | "en"; pattern: string; path: string }): string {
  const router = createMemoryRouter([{ id: "root", path: "/", children: [{ path: pattern, element }] }], {
    initialEntries: [path],
    hydrationData: { loaderData: { root: { locale } } },
  });
  return renderToString(<RouterProvider router={router} />);
}

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
