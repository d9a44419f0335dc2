import argon2 from "argon2";
import type { AppServices } from "../app/services.server";
import { generateTrackingCode } from "../app/tracking/tracking-code";
import { findCaseByTrackingCode } from "../app/tracking/tracking.server";
import type { GeneratedData } from "./generate";
import { ms, report, timed } from "./measure";

/*
 * Counts argon2 verifications by wrapping `verify` on the argon2 module object, the one
 * app/auth/password.server.ts calls through (`argon2.verify`): the benchmark's only hook, installed
 * here and nowhere in the application.
 */
let verifications = 0;
const argon2Module = argon2 as { verify: typeof argon2.verify };
const originalVerify = argon2Module.verify;
argon2Module.verify = (...parameters: Parameters<typeof argon2.verify>) => {
  verifications += 1;
  return originalVerify(...parameters);
};

export async function benchTracking(services: AppServices, dialect: string, generated: GeneratedData, totalCases: number): Promise<void> {
  const label = `Tracking lookup at ${totalCases.toLocaleString("en")} cases`;
  const known = generated.knownCodes;
  let counts = { found: 0, unknown: 0, verificationsFound: 0, verificationsUnknown: 0 };
  const times = { found: [] as number[], unknown: [] as number[] };
  let client = 0;
  // Warm up: the first unknown code hashes the decoy once (a hash, not a verification).
  await findCaseByTrackingCode(services, generateTrackingCode(), `warm-${client}`, Date.now());
  for (let round = 0; round < 2; round += 1) {
    for (const entry of known) {
      client += 1;
      const before = verifications;
      const found = await timed(() => findCaseByTrackingCode(services, entry.code, `bench-${client}`, Date.now()));
      if (!("caseId" in found.value) || found.value.caseId !== entry.caseId) throw new Error("a known tracking code did not open its case");
      counts = { ...counts, found: counts.found + 1, verificationsFound: counts.verificationsFound + verifications - before };
      times.found.push(found.ms);
      const beforeUnknown = verifications;
      const unknown = await timed(() => findCaseByTrackingCode(services, generateTrackingCode(), `bench-${client}`, Date.now()));
      if ("caseId" in unknown.value) throw new Error("a random tracking code opened a case");
      counts = { ...counts, unknown: counts.unknown + 1, verificationsUnknown: counts.verificationsUnknown + verifications - beforeUnknown };
      times.unknown.push(unknown.ms);
    }
  }
  const perFound = counts.verificationsFound / counts.found;
  const perUnknown = counts.verificationsUnknown / counts.unknown;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  report({ dialect, benchmark: label, measure: `argon2 verifications per lookup, known code (${counts.found} lookups)`, value: perFound.toFixed(2), goal: "exactly 1", met: perFound === 1 });
  report({ dialect, benchmark: label, measure: `argon2 verifications per lookup, unknown code (${counts.unknown} lookups)`, value: perUnknown.toFixed(2), goal: "exactly 1", met: perUnknown === 1 });
  report({ dialect, benchmark: label, measure: "lookup time p50, known / unknown code", value: `${ms(median(times.found))} / ${ms(median(times.unknown))}` });
}
