import pino, { type Logger } from "pino";

/**
 * JSON logs (pino). What may never appear in them — IP addresses, user agents, tracking codes,
 * query strings, bodies, narratives — is kept out by what the callers pass, and the redaction
 * below is a second net for the field names most likely to carry it by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "prongsai" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["ip", "*.ip", "userAgent", "*.userAgent", "headers", "*.headers", "trackingCode", "*.trackingCode", "password", "*.password", "body", "*.body"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export type { Logger };
