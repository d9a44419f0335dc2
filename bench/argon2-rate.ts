import { getConfig } from "../app/config.server";
import { hashSecret } from "../app/auth/password.server";
import { generateTrackingCode } from "../app/tracking/tracking-code";

/*
 * The raw argon2id rate, in its own process so UV_THREADPOOL_SIZE is set before libuv starts its
 * pool (the parent passes the same value as the server's). Same parameters as the server's
 * configuration, `concurrency` hashes in flight, as many as the HTTP client keeps requests open.
 * Prints one JSON line: { hashesPerSecond, cpuMsPerHash } (the CPU of every thread of this process).
 */
const [concurrencyText = "4", secondsText = "15"] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const seconds = Number(secondsText);
const { argon2 } = getConfig();
const deadline = Date.now() + seconds * 1000;
let hashes = 0;
const cpuBefore = process.cpuUsage();
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < deadline) {
      await hashSecret(generateTrackingCode(), argon2);
      hashes += 1;
    }
  }),
);
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ hashesPerSecond: hashes / elapsed, cpuMsPerHash: (cpu.user + cpu.system) / 1000 / hashes, hashes, seconds: elapsed, parameters: argon2 }));
