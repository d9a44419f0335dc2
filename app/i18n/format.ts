import type { Locale } from "./locales";
import { createTranslator } from "./translate";

/** Every date is shown as the agency sees it, whatever the time zone of the server or browser. */
export const agencyTimeZone = "Asia/Bangkok";

export type DateStyle = "long" | "short";

// Latin digits in Thai too: Thai government web pages write dates and numbers with them.
const intlLocales: Record<Locale, string> = {
  th: "th-TH-u-ca-buddhist-nu-latn",
  en: "en-GB-u-ca-buddhist-nu-latn",
};

const numberLocales: Record<Locale, string> = {
  th: "th-TH-u-nu-latn",
  en: "en-GB-u-nu-latn",
};

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${locale}:${JSON.stringify(options)}`;
  let formatter = formatterCache.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocales[locale], { ...options, timeZone: agencyTimeZone });
    formatterCache.set(cacheKey, formatter);
  }
  return formatter;
}

function partsOf(timestamp: number, locale: Locale, options: Intl.DateTimeFormatOptions): Map<string, string> {
  if (!Number.isFinite(timestamp)) throw new RangeError(`Not a timestamp: ${timestamp}`);
  const parts = dateTimeFormatter(locale, options).formatToParts(timestamp);
  return new Map(parts.map((part) => [part.type, part.value]));
}

/*
 * Intl supplies the month names and the Buddhist-Era year; the order and the words around them
 * come from our dictionaries. ICU's own patterns differ between Node and browser versions, which
 * would make the server and the client render different text.
 */

/** "25 พฤศจิกายน 2569" / "25 พ.ย. 2569"; "25 November 2569 BE" / "25 Nov 2569 BE". */
export function formatDate(timestamp: number, locale: Locale, style: DateStyle = "long"): string {
  const parts = partsOf(timestamp, locale, { day: "numeric", month: style, year: "numeric" });
  return createTranslator(locale)("formats.date", {
    day: parts.get("day") ?? "",
    month: parts.get("month") ?? "",
    year: parts.get("year") ?? "",
  });
}

/** "14:05", on the 24-hour clock. */
export function formatTime(timestamp: number, locale: Locale): string {
  const parts = partsOf(timestamp, locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${parts.get("hour") ?? ""}:${parts.get("minute") ?? ""}`;
}

/** "25 พฤศจิกายน 2569 เวลา 14:05 น." / "25 November 2569 BE, 14:05". */
export function formatDateTime(timestamp: number, locale: Locale, style: DateStyle = "long"): string {
  return createTranslator(locale)("formats.dateTime", {
    date: formatDate(timestamp, locale, style),
    time: formatTime(timestamp, locale),
  });
}

/** "พฤศจิกายน 2569" / "November 2569 BE", for monthly reports. */
export function formatMonthYear(timestamp: number, locale: Locale, style: DateStyle = "long"): string {
  const parts = partsOf(timestamp, locale, { month: style, year: "numeric" });
  return createTranslator(locale)("formats.monthYear", {
    month: parts.get("month") ?? "",
    year: parts.get("year") ?? "",
  });
}

const numberFormatters = new Map<Locale, Intl.NumberFormat>();

/** "1,234,567": grouped, Latin digits. */
export function formatNumber(value: number, locale: Locale): string {
  let formatter = numberFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(numberLocales[locale], { maximumFractionDigits: 2 });
    numberFormatters.set(locale, formatter);
  }
  return formatter.format(value);
}
