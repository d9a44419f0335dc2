import { createHmac, randomBytes } from "node:crypto";

/**
 * Fixed-window counters held in this process's memory only (ARCHITECTURE §5, §6): they slow
 * guessing and flooding without a record of who asked. Keys are HMACs under a salt that is
 * generated at start and never written anywhere, so not even a memory dump maps a key to an address.
 * With several nodes each keeps its own counters; the limit per node still bounds the total.
 */
export class Throttle {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt and says whether it is allowed; `retryAfterMs` when it is not. */
  attempt(key: string, now: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      this.sweep(now);
      return { allowed: true };
    }
    if (window.count >= this.limit) return { allowed: false, retryAfterMs: window.resetAt - now };
    window.count += 1;
    return { allowed: true };
  }

  /**
   * Counts an attempt whose outcome is not known yet, before the slow check that decides it
   * (argon2, ~50 ms). Counted only afterwards, every request sent at once would pass the limit
   * before the first failure was recorded. `release` takes the attempt back when it turns out not
   * to be a guess (the right code, the right password).
   */
  reserve(key: string, now: number): { allowed: true; release: () => void } | { allowed: false; retryAfterMs: number } {
    const attempt = this.attempt(key, now);
    if (!attempt.allowed) return attempt;
    const window = this.windows.get(key);
    return {
      allowed: true,
      release: () => {
        // Only from the window it was counted in: a window that has since ended starts from nothing.
        if (window && this.windows.get(key) === window && window.count > 0) window.count -= 1;
      },
    };
  }

  /** Forgets expired windows now and then, so memory stays bounded by the active clients. */
  private sweep(now: number) {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

const processSalt = randomBytes(32);

/** The in-memory key for a client address: an HMAC under a salt that dies with the process. */
export function clientKeyOf(address: string | undefined): string {
  return createHmac("sha256", processSalt)
    .update(address ?? "unknown")
    .digest("base64url")
    .slice(0, 22);
}
