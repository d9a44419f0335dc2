import { fiscalYearOf } from "../calendar/thai-calendar";
import type { AppServices } from "../services.server";
import type { StatisticsPage } from "./statistics-tables";
import { loadStatistics } from "./statistics.server";

/**
 * /statistics is public and unauthenticated, and one page is thirty fiscal-year reports (two years,
 * five kinds, three granularities). Computing it per request would let anyone keep the database
 * busy by reloading, so the page is computed at most once per `maxAgeMs` per database and every
 * request in between — including the ones that arrive while it is being computed — gets that one
 * page. The page says when it was computed ("as of"), and its HTTP cache lifetime is the same
 * five minutes, so a visitor sees nothing a proxy would not already show them.
 */
export const publishedStatisticsMaxAgeMs = 5 * 60_000;

interface CachedPage {
  fiscalYear: number;
  computedAt: number;
  page: Promise<StatisticsPage>;
}

// Keyed by the database handle: tests and benchmarks open several databases in one process, and
// a page must never be served from a database other than the one it was computed from.
const cachedPages = new WeakMap<object, CachedPage>();

export function publishedStatistics(services: Pick<AppServices, "db" | "reportDb" | "config">, now: number, maxAgeMs = publishedStatisticsMaxAgeMs): Promise<StatisticsPage> {
  const fiscalYear = fiscalYearOf(now);
  const cached = cachedPages.get(services.reportDb);
  // A new fiscal year changes which years the page shows, whatever the age of the cached one.
  if (cached && cached.fiscalYear === fiscalYear && now >= cached.computedAt && now - cached.computedAt < maxAgeMs) return cached.page;

  const entry: CachedPage = { fiscalYear, computedAt: now, page: loadStatistics(services, now) };
  cachedPages.set(services.reportDb, entry);
  // A failed computation must not be served for five minutes: the next request tries again.
  entry.page.catch(() => {
    if (cachedPages.get(services.reportDb) === entry) cachedPages.delete(services.reportDb);
  });
  return entry.page;
}
