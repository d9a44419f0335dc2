import { isIP } from "node:net";
import { z } from "zod";

/**
 * Every setting Prongsai reads, parsed from the environment in one place. `.env.example` lists
 * them with their defaults; docs/OPERATIONS.md explains them. Nothing else reads process.env.
 */

const booleanSetting = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], {
    errorMap: () => ({ message: "must be true or false" }),
  })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

const wholeNumber = (minimum: number, maximum: number) =>
  z.coerce
    .number({ invalid_type_error: "must be a whole number" })
    .int("must be a whole number")
    .min(minimum, `must be at least ${minimum}`)
    .max(maximum, `must be at most ${maximum}`);

/**
 * Which proxies Express believes when it reads the client address from X-Forwarded-For (its
 * `trust proxy`): none (`false`, the socket's address), the last `n` hops, or the listed addresses.
 * The in-memory throttles key on that address, so it must be one the agency's own proxy wrote.
 */
export type TrustedProxies = false | number | string[];

const maximumProxyHops = 10;
const proxyRangeNames = new Set(["loopback", "linklocal", "uniquelocal"]);
// Words that used to mean "trust every hop" (TRUST_PROXY was a boolean).
const everyHopWords = new Set(["true", "yes", "on"]);

/** An address, an address/prefix-length subnet or one of Express's named ranges. */
function isProxyAddressOrSubnet(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = "", prefixLength, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefixLength === undefined) return true;
  // A prefix of 0 would make every address a proxy, which is "true" again.
  return /^\d{1,3}$/.test(prefixLength) && Number(prefixLength) >= 1 && Number(prefixLength) <= (version === 4 ? 32 : 128);
}

const trustedProxiesSetting = z.string().transform((value, context): TrustedProxies => {
  const setting = value.trim();
  // 0 hops is the socket's address, as false is.
  if (setting === "false" || setting === "0") return false;
  if (everyHopWords.has(setting.toLowerCase())) {
    context.addIssue({
      code: "custom",
      message:
        "must not be true: Express would then believe the left-most X-Forwarded-For entry, which the client writes, so anyone could escape the throttles; write 1 for one reverse proxy (the number of proxies in front of Prongsai) or the proxies' addresses",
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    if (hops <= maximumProxyHops) return hops;
    context.addIssue({ code: "custom", message: `must be at most ${maximumProxyHops} (the number of proxies in front of Prongsai)` });
    return z.NEVER;
  }
  const entries = setting.split(",").map((entry) => entry.trim());
  if (entries.every(isProxyAddressOrSubnet)) return entries;
  context.addIssue({
    code: "custom",
    message:
      "must be false, the number of proxies in front of Prongsai (1 for one reverse proxy) or a comma-separated list of their addresses or subnets (such as 10.0.0.5, 10.0.0.0/8, loopback, linklocal, uniquelocal)",
  });
  return z.NEVER;
});

/**
 * Staff sessions (OWASP for an application holding sensitive personal data: a short idle timeout,
 * a working day as the absolute one) and how long a resolved or closed case may be reopened.
 * Exported for the modules that fall back on them where no configuration is at hand.
 */
export const timeoutDefaults = { staffSessionIdleMinutes: 30, staffSessionAbsoluteHours: 12, caseReopenWindowDays: 30 } as const;

const environmentSchema = z
  .object({
    APP_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: wholeNumber(1, 65535).default(3000),
    PUBLIC_BASE_URL: z.string().url("must be a URL such as https://prongsai.example.go.th").optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file: or postgres://")
      .optional(),
    DATABASE_POOL_SIZE: wholeNumber(1, 200).default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    ENCRYPTION_KEYS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{40,}(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{40,})*$/,
        "must be a comma-separated list of keyId:base64Key (32-byte keys)",
      )
      .optional(),
    ENCRYPTION_ACTIVE_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be a key id from ENCRYPTION_KEYS").optional(),
    TRACKING_LOOKUP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
    MAIL_FROM: z.string().min(3).default("Prongsai <no-reply@localhost>"),
    MAIL_DISPATCH_INTERVAL_SECONDS: wholeNumber(0, 3600).default(10),
    OUTBOX_MAX_ATTEMPTS: wholeNumber(1, 100).default(12),
    ALERT_TIMEOUT_SECONDS: wholeNumber(1, 60).default(10),
    LINE_CHANNEL_ACCESS_TOKEN: z.string().min(20, "must be the channel access token of the LINE Messaging API channel").optional(),
    LINE_TARGET_IDS: z
      .string()
      .regex(/^[UCR][0-9a-f]{32}(,[UCR][0-9a-f]{32})*$/, "must be a comma-separated list of LINE user, group or room ids (U…, C…, R… and 32 hex digits)")
      .optional(),
    SLA_SWEEP_IN_PROCESS: booleanSetting.default("true"),
    SLA_SWEEP_INTERVAL_SECONDS: wholeNumber(10, 3600).default(60),
    SLA_ALERT_DUE_SOON: booleanSetting.default("true"),
    SLA_ALERT_BREACHED: booleanSetting.default("true"),
    ESCALATE_RESOLVE_BREACHED: booleanSetting.default("true"),
    ESCALATE_RESOLVE_BREACHED_AFTER_BUSINESS_DAYS: wholeNumber(0, 250).default(5),
    ESCALATE_CRITICAL_PRIORITY: booleanSetting.default("true"),
    ESCALATE_SENIOR_OFFICIAL: booleanSetting.default("true"),
    ARGON2_MEMORY_KIB: wholeNumber(1024, 4 * 1024 * 1024).default(19456),
    ARGON2_TIME_COST: wholeNumber(1, 20).default(2),
    ARGON2_PARALLELISM: wholeNumber(1, 16).default(1),
    ATTACHMENT_MAX_FILES: wholeNumber(0, 100).default(10),
    ATTACHMENT_MAX_FILE_MEGABYTES: wholeNumber(1, 1024).default(20),
    // Bounds keep a typo from leaving a session open for days, or ending it while a form is typed.
    STAFF_SESSION_IDLE_MINUTES: wholeNumber(5, 240).default(timeoutDefaults.staffSessionIdleMinutes),
    STAFF_SESSION_ABSOLUTE_HOURS: wholeNumber(1, 24).default(timeoutDefaults.staffSessionAbsoluteHours),
    CASE_REOPEN_WINDOW_DAYS: wholeNumber(1, 365).default(timeoutDefaults.caseReopenWindowDays),
    // Long enough to span a long weekend; at most two weeks, since the link alone opens the account.
    STAFF_INVITATION_VALID_HOURS: wholeNumber(1, 336).default(72),
    TRUST_PROXY: trustedProxiesSetting.default("false"),
    // What the privacy notice promises reporters (5 years after the matter ends). At least a year, so
    // a case can never be purged while it may still be reopened (CASE_REOPEN_WINDOW_DAYS ≤ 365).
    RETENTION_YEARS: wholeNumber(1, 30).default(5),
    // 1 publishes every count; 2 would print "< 2", which can only mean 1 (decision 0013).
    STATISTICS_SUPPRESSION_THRESHOLD: wholeNumber(1, 1000)
      .refine((threshold) => threshold !== 2, "must be 1 (no suppression) or at least 3: \"< 2\" would reveal a count of 1")
      .default(5),
    AGENCY_PHONE: z.string().trim().min(3, "must be a telephone number such as 02 123 4567").max(100).optional(),
    AGENCY_ADDRESS: z.string().trim().min(5, "must be the agency's postal address").max(500).optional(),
    AGENCY_EMAIL: z.string().trim().email("must be an e-mail address").optional(),
    SEED_DEMO_DATA: booleanSetting.optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((settings, context) => {
    if (settings.STAFF_SESSION_IDLE_MINUTES > settings.STAFF_SESSION_ABSOLUTE_HOURS * 60) {
      context.addIssue({ code: "custom", path: ["STAFF_SESSION_IDLE_MINUTES"], message: "must not be longer than STAFF_SESSION_ABSOLUTE_HOURS" });
    }
    if (settings.APP_ENV !== "production") return;
    // Development generates keys into DATA_DIR; production must never run on such throwaway keys.
    for (const name of ["ENCRYPTION_KEYS", "ENCRYPTION_ACTIVE_KEY_ID", "TRACKING_LOOKUP_SECRET", "PUBLIC_BASE_URL"] as const) {
      if (!settings[name]) context.addIssue({ code: "custom", path: [name], message: "is required when APP_ENV=production" });
    }
    if (settings.SEED_DEMO_DATA) {
      context.addIssue({ code: "custom", path: ["SEED_DEMO_DATA"], message: "must not be true when APP_ENV=production" });
    }
  })
  .superRefine((settings, context) => {
    // Half a LINE setting would silently send nothing: say so at start-up instead.
    if (Boolean(settings.LINE_CHANNEL_ACCESS_TOKEN) !== Boolean(settings.LINE_TARGET_IDS)) {
      context.addIssue({ code: "custom", path: [settings.LINE_TARGET_IDS ? "LINE_CHANNEL_ACCESS_TOKEN" : "LINE_TARGET_IDS"], message: "must be set together with the other LINE setting" });
    }
  });

export type AppEnvironment = z.infer<typeof environmentSchema>["APP_ENV"];

export interface AppConfig {
  appEnvironment: AppEnvironment;
  isProduction: boolean;
  host: string;
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  databasePoolSize: number;
  dataDirectory: string;
  encryption: { keys: string | undefined; activeKeyId: string | undefined };
  trackingLookupSecret: string | undefined;
  mail: { smtpUrl: string | undefined; from: string; dispatchIntervalSeconds: number; maxAttempts: number };
  /** Outbound alerts (app/alerts): webhooks and, when configured, LINE pushes to the listed chats. */
  alerts: { timeoutMs: number; line: { channelAccessToken: string; targetIds: string[] } | null };
  /** The SLA sweep and its escalation ladder (ARCHITECTURE §4); each step can be turned off. */
  sla: {
    /** Whether each server runs the sweep itself; off when cron runs `npm run sla:sweep` instead. */
    sweepInProcess: boolean;
    sweepIntervalSeconds: number;
    alertDueSoon: boolean;
    alertBreached: boolean;
    escalateResolveBreached: boolean;
    /** How many business days past the resolve deadline a case goes to the executives. */
    resolveBreachedBusinessDays: number;
    escalateCriticalPriority: boolean;
    escalateSeniorOfficial: boolean;
  };
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  attachments: { maxFiles: number; maxFileBytes: number };
  /** A staff session ends after `idleMs` without a request, and `absoluteMs` after sign-in however active. */
  staffSessions: { idleMs: number; absoluteMs: number };
  /** How long the link in a new colleague's invitation e-mail lets them choose their password. */
  staffInvitationValidityMs: number;
  /** How long after resolving or closing a case may be reopened. */
  cases: { reopenWindowMs: number };
  /** How many years after a case ended `purge-expired` anonymizes it (docs/decisions/0017). */
  retention: { years: number };
  /**
   * Express's `trust proxy`: which X-Forwarded-For entry is the client address (used only, as an
   * in-memory digest, for throttling). Never `true`, which would take the one the client writes.
   */
  trustProxy: TrustedProxies;
  /** /statistics withholds counts from 1 to `suppressionThreshold` − 1 (decision 0013). */
  statistics: { suppressionThreshold: number };
  /** Where people reach the agency other than online; /guideline lists the channels that are set. */
  agencyContact: { phone: string | null; address: string | null; email: string | null };
  seedDemoData: boolean;
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Prongsai cannot start: fix these settings (see .env.example and docs/OPERATIONS.md):\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(environment: Record<string, string | undefined>): AppConfig {
  // An empty variable (`SMTP_URL=`) means "not set", as in most .env tooling.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  const settings = parsed.data;
  return {
    appEnvironment: settings.APP_ENV,
    isProduction: settings.APP_ENV === "production",
    host: settings.HOST,
    port: settings.PORT,
    publicBaseUrl: (settings.PUBLIC_BASE_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, ""),
    // The SQLite file lives with the rest of the instance's data unless told otherwise.
    databaseUrl: settings.DATABASE_URL ?? `file:${settings.DATA_DIR}/prongsai.db`,
    databasePoolSize: settings.DATABASE_POOL_SIZE,
    dataDirectory: settings.DATA_DIR,
    encryption: { keys: settings.ENCRYPTION_KEYS, activeKeyId: settings.ENCRYPTION_ACTIVE_KEY_ID },
    trackingLookupSecret: settings.TRACKING_LOOKUP_SECRET,
    mail: {
      smtpUrl: settings.SMTP_URL,
      from: settings.MAIL_FROM,
      dispatchIntervalSeconds: settings.MAIL_DISPATCH_INTERVAL_SECONDS,
      maxAttempts: settings.OUTBOX_MAX_ATTEMPTS,
    },
    sla: {
      sweepInProcess: settings.SLA_SWEEP_IN_PROCESS,
      sweepIntervalSeconds: settings.SLA_SWEEP_INTERVAL_SECONDS,
      alertDueSoon: settings.SLA_ALERT_DUE_SOON,
      alertBreached: settings.SLA_ALERT_BREACHED,
      escalateResolveBreached: settings.ESCALATE_RESOLVE_BREACHED,
      resolveBreachedBusinessDays: settings.ESCALATE_RESOLVE_BREACHED_AFTER_BUSINESS_DAYS,
      escalateCriticalPriority: settings.ESCALATE_CRITICAL_PRIORITY,
      escalateSeniorOfficial: settings.ESCALATE_SENIOR_OFFICIAL,
    },
    alerts: {
      timeoutMs: settings.ALERT_TIMEOUT_SECONDS * 1000,
      line:
        settings.LINE_CHANNEL_ACCESS_TOKEN && settings.LINE_TARGET_IDS
          ? { channelAccessToken: settings.LINE_CHANNEL_ACCESS_TOKEN, targetIds: settings.LINE_TARGET_IDS.split(",") }
          : null,
    },
    argon2: { memoryCost: settings.ARGON2_MEMORY_KIB, timeCost: settings.ARGON2_TIME_COST, parallelism: settings.ARGON2_PARALLELISM },
    attachments: { maxFiles: settings.ATTACHMENT_MAX_FILES, maxFileBytes: settings.ATTACHMENT_MAX_FILE_MEGABYTES * 1024 * 1024 },
    staffSessions: { idleMs: settings.STAFF_SESSION_IDLE_MINUTES * 60_000, absoluteMs: settings.STAFF_SESSION_ABSOLUTE_HOURS * 3_600_000 },
    staffInvitationValidityMs: settings.STAFF_INVITATION_VALID_HOURS * 3_600_000,
    cases: { reopenWindowMs: settings.CASE_REOPEN_WINDOW_DAYS * 86_400_000 },
    retention: { years: settings.RETENTION_YEARS },
    trustProxy: settings.TRUST_PROXY,
    statistics: { suppressionThreshold: settings.STATISTICS_SUPPRESSION_THRESHOLD },
    agencyContact: { phone: settings.AGENCY_PHONE ?? null, address: settings.AGENCY_ADDRESS ?? null, email: settings.AGENCY_EMAIL ?? null },
    seedDemoData: settings.SEED_DEMO_DATA ?? settings.APP_ENV === "development",
    logLevel: settings.LOG_LEVEL,
  };
}

let cached: AppConfig | undefined;

/** The configuration of this process, parsed once. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
