import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/**
 * One log line per request: method, path without its query string, status and duration. No IP,
 * user agent, referrer, query or body for any route — public routes may be an anonymous reporter's,
 * and a staff route's query can carry a case reference, so the rule is the same everywhere.
 */
export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { method: request.method, path: pathOnly(request.originalUrl), status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
        "request",
      );
    });
    next();
  };
}

export function pathOnly(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
