import type { UploadHandler, UploadHandlerPart } from "@remix-run/node";

/**
 * Reads a multipart form for `unstable_parseMultipartFormData`, enforcing the attachment limits
 * while the body streams in (ARCHITECTURE §6). A part over a limit is read to its end and thrown
 * away, never held whole, and never aborts the parse: the fields after it still arrive, so the form
 * comes back with everything the person typed and a note of which file was turned away.
 *
 * One collector per request: it counts files and remembers problems for that request only.
 */

export type UploadProblem =
  | { field: string; fileName: string; reason: "too_large" | "too_many" }
  /** A text field over its cap keeps its first bytes; the form shows them with the problem. */
  | { field: string; reason: "text_too_long" | "too_many_fields" };

export interface UploadLimits {
  maxFiles: number;
  maxFileBytes: number;
  /** Only these fields may carry files; a file anywhere else is read and ignored. */
  fileFieldNames: readonly string[];
  /** Per text field. Thai takes three bytes a character in UTF-8, so 256 KiB is some 85,000 characters. */
  maxTextFieldBytes?: number;
  /** Bounds the memory a form of endless tiny fields could take. */
  maxTextFields?: number;
}

export interface UploadCollector {
  uploadHandler: UploadHandler;
  problems(): UploadProblem[];
}

const defaultMaxTextFieldBytes = 256 * 1024;
const defaultMaxTextFields = 200;

export function createUploadCollector(limits: UploadLimits): UploadCollector {
  const fileFields = new Set(limits.fileFieldNames);
  const maxTextFieldBytes = limits.maxTextFieldBytes ?? defaultMaxTextFieldBytes;
  const maxTextFields = limits.maxTextFields ?? defaultMaxTextFields;
  const problems: UploadProblem[] = [];
  let files = 0;
  let textFields = 0;

  async function collectFile(part: UploadHandlerPart, fileName: string): Promise<File | undefined> {
    if (files >= limits.maxFiles) {
      await drain(part.data);
      problems.push({ field: part.name, fileName, reason: "too_many" });
      return undefined;
    }
    const chunks = await readWhole(part.data, limits.maxFileBytes);
    if (!chunks) {
      problems.push({ field: part.name, fileName, reason: "too_large" });
      return undefined;
    }
    files += 1;
    // The browser's type goes along but is never trusted: the content decides (attachment-rules).
    return new File(chunks, fileName, { type: part.contentType });
  }

  async function collectText(part: UploadHandlerPart): Promise<string | undefined> {
    if (textFields >= maxTextFields) {
      await drain(part.data);
      problems.push({ field: part.name, reason: "too_many_fields" });
      return undefined;
    }
    textFields += 1;
    const { text, cut } = await readText(part.data, maxTextFieldBytes);
    if (cut) problems.push({ field: part.name, reason: "text_too_long" });
    return text;
  }

  const uploadHandler: UploadHandler = async (part) => {
    const isFileField = fileFields.has(part.name);
    if (part.filename === undefined) {
      if (isFileField) {
        await drain(part.data);
        return undefined;
      }
      return collectText(part);
    }
    // An empty file name is a file input left empty; a file in a text field is not ours to take.
    if (!isFileField || part.filename === "") {
      await drain(part.data);
      return undefined;
    }
    return collectFile(part, part.filename);
  };

  return { uploadHandler, problems: () => [...problems] };
}

/** Reading on is what moves the parser to the next part; the bytes themselves are dropped. */
async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/** The part's chunks, or undefined once it passes `limit`: from then on nothing more is kept. */
async function readWhole(data: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>[] | undefined> {
  let chunks: Uint8Array<ArrayBuffer>[] | undefined = [];
  let size = 0;
  for await (const chunk of data) {
    if (!chunks) continue;
    size += chunk.byteLength;
    if (size > limit) chunks = undefined;
    else chunks.push(new Uint8Array(chunk));
  }
  return chunks;
}

async function readText(data: AsyncIterable<Uint8Array>, limit: number): Promise<{ text: string; cut: boolean }> {
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let size = 0;
  let cut = false;
  for await (const chunk of data) {
    if (cut) continue;
    const room = limit - size;
    if (chunk.byteLength > room) {
      // `stream: true` holds back a character split by the cut instead of writing U+FFFD.
      text += decoder.decode(chunk.subarray(0, room), { stream: true });
      cut = true;
      continue;
    }
    size += chunk.byteLength;
    text += decoder.decode(chunk, { stream: true });
  }
  return { text: cut ? text : text + decoder.decode(), cut };
}
