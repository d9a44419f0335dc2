import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { quietServerLayoutEffectWarnings } from "../../support/server-render";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { FrameOfRoute, staffFrameHandle } from "../../../app/ui/StaffLayout";

/**
 * The frame root.tsx draws around a page, chosen by the matched routes' handles: rendered for a
 * staff sign-in page, a page beneath the /staff layout, and a public page.
 */
function render(path: string, locale: "th" | "en" = "th"): string {
  const page = <p data-page>page</p>;
  const router = createMemoryRouter(
    [
      {
        id: "root",
        path: "/",
        element: <FrameOfRoute>{page}</FrameOfRoute>,
        children: [
          { index: true, element: null },
          { path: "track", element: null },
          { id: "routes/staff_.login", path: "staff/login", handle: staffFrameHandle, element: null },
          { id: "routes/staff", path: "staff", handle: staffFrameHandle, children: [{ path: "cases/:caseId", element: null }] },
        ],
      },
    ],
    { initialEntries: [path], hydrationData: { loaderData: { root: { locale } } } },
  );
  return renderToString(<RouterProvider router={router} />);
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

describe("the frame around a page", () => {
  quietServerLayoutEffectWarnings();

  it.each(["/staff/login", "/staff/cases/c1"])("%s: the workspace's header and footer, without the public navigation or privacy note", (path) => {
    const html = render(path);
    expect(html).toContain(th.staffAuth.layout.workspace);
    expect(html).toContain(th.staffAuth.layout.footerNote);
    expect(html).toContain('action="/language"');
    expect(html).toContain('href="/staff"');
    expect(html).not.toContain(th.navigation.label);
    expect(html).not.toContain('href="/report"');
    expect(html).not.toContain(th.footer.privacyHeading);
    expect(html).toContain('href="#main-content"');
    for (const landmark of [/<header\b/, /<main\b/, /<footer\b/]) expect(count(html, landmark)).toBe(1);
    expect(html).toMatch(/<main id="main-content"[^>]*>.*data-page/s);
  });

  it("speaks the reader's language", () => {
    const html = render("/staff/login", "en");
    expect(html).toContain(en.staffAuth.layout.workspace);
    expect(html).toContain(en.staffAuth.layout.footerNote);
  });

  it.each(["/", "/track"])("%s: the public header and footer, as before", (path) => {
    const html = render(path);
    expect(html).toContain(th.navigation.label);
    expect(html).toContain('href="/report"');
    expect(html).toContain(th.footer.privacyHeading);
    expect(html).not.toContain(th.staffAuth.layout.footerNote);
    for (const landmark of [/<header\b/, /<main\b/, /<footer\b/]) expect(count(html, landmark)).toBe(1);
  });
});
