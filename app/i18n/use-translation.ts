import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatDate, formatDateTime, formatMonthYear, formatNumber, formatTime, type DateStyle } from "./format";
import { defaultLocale, isLocale, type Locale } from "./locales";
import { createTranslator, type Translate } from "./translate";

/**
 * The locale in the root loader's data. That data is missing when the root loader itself failed
 * or no route matched, and the error page must still render: it falls back to Thai.
 */
export function localeFromRootData(data: unknown): Locale {
  if (typeof data === "object" && data !== null && "locale" in data && isLocale(data.locale)) return data.locale;
  return defaultLocale;
}

/** For `meta` functions, which cannot call hooks: the locale from the root match. */
export function localeFromMatches(matches: ReadonlyArray<{ id: string; data?: unknown }>): Locale {
  return localeFromRootData(matches.find((match) => match.id === "root")?.data);
}

export interface Translation {
  locale: Locale;
  t: Translate;
  formatDate: (timestamp: number, style?: DateStyle) => string;
  formatDateTime: (timestamp: number, style?: DateStyle) => string;
  formatTime: (timestamp: number) => string;
  formatMonthYear: (timestamp: number, style?: DateStyle) => string;
  formatNumber: (value: number) => string;
}

export function translationFor(locale: Locale): Translation {
  return {
    locale,
    t: createTranslator(locale),
    formatDate: (timestamp, style) => formatDate(timestamp, locale, style),
    formatDateTime: (timestamp, style) => formatDateTime(timestamp, locale, style),
    formatTime: (timestamp) => formatTime(timestamp, locale),
    formatMonthYear: (timestamp, style) => formatMonthYear(timestamp, locale, style),
    formatNumber: (value) => formatNumber(value, locale),
  };
}

/** The current locale with a translator and formatters bound to it. */
export function useTranslation(): Translation {
  const locale = localeFromRootData(useRouteLoaderData("root"));
  return useMemo(() => translationFor(locale), [locale]);
}
