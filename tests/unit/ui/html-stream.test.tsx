import { lazy, Suspense } from "react";
import { PassThrough, type Transform } from "node:stream";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RenderedPageStream } from "../../../app/ui/html-stream.server";

/** The page as React 18 streams it, through `through` (a plain pass-through is React's bytes as they are), chunk by chunk. */
function streamedChunks(element: React.ReactElement, through: Transform, when: "onAllReady" | "onShellReady" = "onAllReady"): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (chunk: Buffer) => chunks.push(chunk));
    through.on("end", () => resolve(chunks));
    through.on("error", reject);
    const { pipe } = renderToPipeableStream(element, { [when]: () => pipe(through), onError: reject });
  });
}

async function streamed(element: React.ReactElement, through: Transform): Promise<Buffer> {
  return Buffer.concat(await streamedChunks(element, through));
}

/** A form sent back with what was typed: Thai values in attributes, after enough markup to cross React's 2,048-byte buffers. */
function typedForm(offset: number) {
  return (
    <form>
      <p>{"x".repeat(offset)}</p>
      {Array.from({ length: 40 }, (_, index) => (
        <input key={index} name={`field${index}`} defaultValue="สำนักงานเขต" />
      ))}
    </form>
  );
}

describe("the HTML stream", () => {
  it("loses React 18's zero padding and nothing else, wherever a Thai character meets a buffer's end", async () => {
    let padded = 0;
    for (let offset = 0; offset < 3; offset += 1) {
      const expected = renderToString(typedForm(offset));
      const raw = await streamed(typedForm(offset), new PassThrough());
      if (raw.includes(0)) padded += 1;
      const cleaned = await streamed(typedForm(offset), new RenderedPageStream());
      expect(cleaned.includes(0)).toBe(false);
      expect(cleaned.toString("utf8")).toBe(expected);
    }
    // The bug this guards against is really there: otherwise the test would prove nothing.
    expect(padded).toBeGreaterThan(0);
  });

  it("sends what React writes in one burst as one chunk, not in 2,048-byte pieces", async () => {
    const page = <main>{[0, 1, 2, 0, 1, 2].map((offset, index) => <section key={index}>{typedForm(offset)}</section>)}</main>;
    const raw = await streamedChunks(page, new PassThrough());
    expect(raw.length).toBeGreaterThan(5);
    const sent = await streamedChunks(page, new RenderedPageStream());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.toString("utf8")).toBe(renderToString(page));
  });

  it("still streams: the shell leaves before a suspended part is ready, and that part follows on its own", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const Late = lazy(async () => {
      await released;
      return { default: () => <p>ข้อมูลที่ตามมา</p> };
    });
    const stream = new RenderedPageStream();
    const chunks: string[] = [];
    const firstChunk = new Promise<void>((resolve) => stream.once("data", () => resolve()));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    const ended = new Promise<void>((resolve) => stream.on("end", resolve));
    const page = (
      <main>
        {typedForm(0)}
        <Suspense fallback={<p>กำลังโหลด</p>}>
          <Late />
        </Suspense>
      </main>
    );
    const { pipe } = renderToPipeableStream(page, { onShellReady: () => pipe(stream) });
    await firstChunk;
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toContain("กำลังโหลด");
    expect(chunks[0]).not.toContain("ข้อมูลที่ตามมา");
    release();
    await ended;
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.slice(1).join("")).toContain("ข้อมูลที่ตามมา");
    expect(chunks.join("").includes("\u0000")).toBe(false);
  });
});
