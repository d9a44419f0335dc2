import crypto from "node:crypto";
import sharp from "sharp";
import { sleep } from "./harness";

/*
 * Reporters as a browser without JavaScript is one: GET nothing, POST the named complaint form of
 * /contact as multipart/form-data (the form has a file input), with the Origin header a browser
 * sends for a same-origin form, and read the receipt page the server answers with.
 */

export interface Filing {
  reference: string;
  trackingCode: string;
  email: string;
  narrative: string;
  /** Milliseconds since the run started, when the receipt arrived. */
  receivedAt: number;
  withAttachment: boolean;
}

export interface LoadOutcome {
  filings: Filing[];
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Requests that got no answer at all (refused connection, reset while the server was down). */
  transportErrors: number;
  /** A 200 without a receipt, or any answer other than 200. */
  failures: Array<{ status: number; excerpt: string }>;
  /** Latency of every answered request, in ms. */
  latencies: number[];
  /** Per answered request: when it was sent (ms since the start), and ms to the headers and to the whole page. */
  timeline: Array<{ sentAtMs: number; headersMs: number; totalMs: number }>;
  elapsedMs: number;
}

export interface LoadOptions {
  baseUrl: string;
  clients: number;
  durationMs: number;
  /** Every n-th filing carries a small PNG (0: none), so evidence files are written under load too. */
  attachmentEvery?: number;
  /**
   * How long each client waits between two filings, on average (spread ±50 % so clients do not
   * march in step); 0, the default, files again at once. A short run that must drain its mail
   * within seconds files fewer cases this way, with as many filings in flight at any moment.
   */
  pauseMs?: number;
  /**
   * Called once, `atMs` after the start, while the clients keep filing (the fault to inject). With
   * `clockStops`, the time the fault takes is added to the run: the clients file for `durationMs`
   * of the fault-free time, so a restart slower than the rest of the run still has filings after it.
   */
  fault?: { atMs: number; run: () => Promise<void>; clockStops?: boolean };
  label: string;
}

const receiptReference = /data-case-reference="([^"]+)"/;
const receiptCode = /data-tracking-code="([^"]+)"/;

let pixel: Buffer | undefined;
async function samplePhoto(): Promise<Buffer> {
  pixel ??= await sharp({ create: { width: 16, height: 16, channels: 3, background: "#3b7dd8" } })
    .png()
    .toBuffer();
  return pixel;
}

/** A loopback-range forwarded address per filing: 127.x.y.z, never sent any traffic. */
function forwardedAddress(sequence: number): string {
  return `127.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${(sequence & 255) || 1}`;
}

export async function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  const { baseUrl, clients, durationMs, attachmentEvery = 10, pauseMs = 0 } = options;
  const run = crypto.randomBytes(3).toString("hex");
  const outcome: LoadOutcome = { filings: [], statuses: {}, transportErrors: 0, failures: [], latencies: [], timeline: [], elapsedMs: 0 };
  const photo = await samplePhoto();
  const startedAt = performance.now();
  let endsAt = startedAt + durationMs;
  let sequence = 0;

  const fileOne = async () => {
    sequence += 1;
    const number = sequence;
    const email = `reporter.${options.label}.${run}.${number}@example.test`;
    const narrative = `รอรับบริการที่จุดบริการนานกว่าสามชั่วโมงโดยไม่มีการแจ้งเหตุผล (load ${run} #${number})`;
    const form = new FormData();
    form.append("kind", "complaint");
    form.append("categoryCode", "complaint.service_quality");
    form.append("details", narrative);
    form.append("identity", "named");
    form.append("name", `ผู้ร้องเรียน ทดสอบ ${number}`);
    form.append("email", email);
    form.append("phone", "");
    form.append("consent", "on");
    form.append("website", "");
    const withAttachment = attachmentEvery > 0 && number % attachmentEvery === 0;
    // A browser sends an empty part for a file input left empty.
    form.append("attachments", withAttachment ? new File([new Uint8Array(photo)], "queue.png", { type: "image/png" }) : new File([], "", { type: "application/octet-stream" }));
    const sentAt = performance.now();
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/contact?kind=complaint`, {
        method: "POST",
        body: form,
        headers: { Origin: baseUrl, "Sec-Fetch-Site": "same-origin", Accept: "text/html", "X-Forwarded-For": forwardedAddress(number) },
        signal: AbortSignal.timeout(120_000),
      });
    } catch {
      outcome.transportErrors += 1;
      // The server is down (a kill): try again shortly, as a person pressing reload would.
      await sleep(250);
      return;
    }
    const headersAt = performance.now();
    let body: string;
    try {
      body = await response.text();
    } catch {
      outcome.transportErrors += 1;
      return;
    }
    const answeredAt = performance.now();
    outcome.latencies.push(answeredAt - sentAt);
    outcome.timeline.push({ sentAtMs: sentAt - startedAt, headersMs: headersAt - sentAt, totalMs: answeredAt - sentAt });
    outcome.statuses[response.status] = (outcome.statuses[response.status] ?? 0) + 1;
    const reference = receiptReference.exec(body)?.[1];
    const trackingCode = receiptCode.exec(body)?.[1];
    if (response.status !== 200 || !reference || !trackingCode) {
      if (outcome.failures.length < 20) outcome.failures.push({ status: response.status, excerpt: body.replace(/\s+/g, " ").slice(0, 300) });
      else outcome.failures.push({ status: response.status, excerpt: "" });
      return;
    }
    outcome.filings.push({ reference, trackingCode, email, narrative, receivedAt: answeredAt - startedAt, withAttachment });
  };

  // While a fault that stops the clock runs, the end is not yet known: nobody stops filing.
  let faultHoldsTheClock = false;
  const client = async () => {
    while (performance.now() < endsAt || faultHoldsTheClock) {
      await fileOne();
      if (pauseMs > 0) await sleep(Math.min(pauseMs * (0.5 + Math.random()), Math.max(0, endsAt - performance.now())));
    }
  };
  const fault = options.fault
    ? sleep(options.fault.atMs).then(async () => {
        const faultStartedAt = performance.now();
        faultHoldsTheClock = options.fault!.clockStops ?? false;
        await options.fault!.run();
        if (faultHoldsTheClock) endsAt += performance.now() - faultStartedAt;
        faultHoldsTheClock = false;
      })
    : Promise.resolve();
  await Promise.all([...Array.from({ length: clients }, client), fault]);
  outcome.elapsedMs = performance.now() - startedAt;
  return outcome;
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export function describeLoad(outcome: LoadOutcome) {
  const seconds = outcome.elapsedMs / 1000;
  return {
    receipts: outcome.filings.length,
    seconds: Number(seconds.toFixed(1)),
    filingsPerSecond: Number((outcome.filings.length / seconds).toFixed(1)),
    p50Ms: Math.round(percentile(outcome.latencies, 0.5)),
    p95Ms: Math.round(percentile(outcome.latencies, 0.95)),
    p99Ms: Math.round(percentile(outcome.latencies, 0.99)),
    statuses: outcome.statuses,
    transportErrors: outcome.transportErrors,
    serverErrors: Object.entries(outcome.statuses).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0),
  };
}

/** Latency by when requests were sent, in buckets: where in the run the slow answers were. */
export function latencyTimeline(outcome: LoadOutcome, bucketMs = 10_000) {
  const buckets = new Map<number, number[]>();
  for (const sample of outcome.timeline) {
    const bucket = Math.floor(sample.sentAtMs / bucketMs) * (bucketMs / 1000);
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), sample.totalMs]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([fromSecond, values]) => ({ fromSecond, requests: values.length, p50Ms: Math.round(percentile(values, 0.5)), maxMs: Math.round(Math.max(...values)) }));
}
