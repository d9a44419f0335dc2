import sarabunRegular from "@fontsource/sarabun/400.css?url";
import sarabunSemiBold from "@fontsource/sarabun/600.css?url";
import sarabunBold from "@fontsource/sarabun/700.css?url";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { getLocale } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromRootData, useTranslation } from "~/i18n/use-translation";
import { useNonce } from "~/security/nonce";
import appStylesheet from "~/styles/app.css?url";
import { ErrorPage, errorTitleKey } from "~/ui/ErrorPage";
import { FrameOfRoute } from "~/ui/StaffLayout";

/*
 * The font files are bundled as our own assets: no page may make a request to another origin.
 * Fontsource's per-weight files are used, not the per-subset ones, because only they carry the
 * unicode-range that lets the Thai and Latin faces of one weight coexist.
 */
export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: sarabunRegular },
  { rel: "stylesheet", href: sarabunSemiBold },
  { rel: "stylesheet", href: sarabunBold },
  { rel: "stylesheet", href: appStylesheet },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

function statusOf(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = createTranslator(localeFromRootData(data));
  if (error) return [{ title: t("app.pageTitle", { page: t(errorTitleKey(statusOf(error))) }) }];
  return [
    { title: t("app.pageTitle", { page: t("app.subtitle") }) },
    { name: "description", content: t("app.description") },
  ];
};

/*
 * The document draws the frame (skip link, header, <main>, footer) and picks it by the matched
 * routes' `handle` (FrameOfRoute): the staff frame for /staff and its sign-in pages, the public one
 * for everything else. Picking it here rather than in each route keeps a frame around the error
 * page too, the right one, and leaves the public routes untouched. An address under /staff that
 * no route matches is answered by the public 404.
 */
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { locale } = useTranslation();
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <FrameOfRoute>{children}</FrameOfRoute>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage status={statusOf(useRouteError())} />;
}
