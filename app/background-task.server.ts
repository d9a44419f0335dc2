import type { Logger } from "pino";

/**
 * A task every node runs in the background (the SLA sweep, the orphan-file sweep, the retention
 * purge): `pass` at start-up if asked, then again `intervalMs` after each pass ends, so passes
 * never overlap. The timer never keeps the process alive, and a failing pass is logged, not thrown:
 * the next one tries again.
 */
export function repeatInBackground(options: {
  logger: Logger;
  /** What the log says when a pass fails. */
  failureMessage: string;
  intervalMs: number;
  runAtStart: boolean;
  pass: () => Promise<void>;
}): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runPass = async () => {
    try {
      await options.pass();
    } catch (error) {
      options.logger.error({ error: error instanceof Error ? error.message : String(error) }, options.failureMessage);
    }
    if (!stopped) scheduleNextPass();
  };
  const scheduleNextPass = () => {
    timer = setTimeout(() => void runPass(), options.intervalMs);
    timer.unref();
  };

  if (options.runAtStart) void runPass();
  else scheduleNextPass();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
