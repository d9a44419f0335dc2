import { fileTypeFromBuffer } from "file-type";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import sharp, { type Sharp } from "sharp";
import { classifyContent, storedFileName, type AcceptedType, type ContentRefusal } from "./attachment-rules";

/**
 * Removes what could identify a reporter from the files they send (ARCHITECTURE §6): where a photo
 * was taken, with which phone, who wrote a PDF and on which machine.
 *
 * Images and PDFs are rewritten. Office documents, audio and video are kept byte for byte: stripping
 * them safely needs a tool per format, so their metadata (document author, a phone video's
 * location and model) stays, and both the report form's advice and the tracking page's evidence
 * form say so, audio and video included, before anyone uploads.
 */

/** "unreadable": an image or PDF we could not open, so could not clean; we never store it uncleaned. */
export type CleaningRefusal = ContentRefusal | "unreadable";

export interface CleanedAttachment {
  bytes: Buffer;
  mediaType: string;
  extension: string;
  /** The name to keep: the reporter's base name, ending in the extension of the content. */
  fileName: string;
}

export type CleaningResult = { cleaned: CleanedAttachment } | { refused: CleaningRefusal };

export async function cleanAttachment(bytes: Uint8Array, fileName: string): Promise<CleaningResult> {
  const classification = classifyContent(await detectType(bytes), bytes);
  if ("refused" in classification) return classification;
  const { accepted } = classification;
  const cleaned = await removeMetadata(bytes, accepted);
  if (!cleaned) return { refused: "unreadable" };
  return { cleaned: { bytes: cleaned, mediaType: accepted.mediaType, extension: accepted.extension, fileName: storedFileName(fileName, accepted) } };
}

async function detectType(bytes: Uint8Array): Promise<{ mime: string; ext: string } | undefined> {
  if (bytes.length === 0) return undefined;
  try {
    return await fileTypeFromBuffer(bytes);
  } catch {
    // file-type throws on some malformed containers; the rules then judge the bytes as unknown.
    return undefined;
  }
}

function removeMetadata(bytes: Uint8Array, accepted: AcceptedType): Promise<Buffer | undefined> {
  const reencode = imageEncoders[accepted.mediaType];
  if (reencode) return reencodeImage(bytes, reencode);
  if (accepted.mediaType === "application/pdf") return cleanPdf(bytes);
  return Promise.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Output in the input's own format, so what the reporter sent is what the investigator opens. */
const imageEncoders: Record<string, (image: Sharp) => Sharp> = {
  "image/jpeg": (image) => image.jpeg({ quality: 90 }),
  "image/png": (image) => image.png(),
  "image/gif": (image) => image.gif(),
  "image/webp": (image) => image.webp({ quality: 90 }),
  // Lossless: scanned pages are often TIFF, and sharp's default TIFF compression is JPEG.
  "image/tiff": (image) => image.tiff({ compression: "lzw" }),
  "image/avif": (image) => image.avif({ quality: 70 }),
};

/**
 * sharp writes no metadata unless asked (no Exif, GPS, XMP, IPTC, comments, and no ICC profile: the
 * pixels are converted to sRGB instead). `autoOrient` first applies the Exif orientation, which
 * would otherwise leave with the Exif and turn portrait photos on their side. `animated` keeps
 * every frame of a GIF or WebP and every page of a TIFF. Decoding tolerates the warnings damaged
 * but viewable photos raise; real decoding errors refuse the file.
 */
async function reencodeImage(bytes: Uint8Array, encode: (image: Sharp) => Sharp): Promise<Buffer | undefined> {
  try {
    return await encode(sharp(bytes, { animated: true, failOn: "error" }).autoOrient()).toBuffer();
  } catch {
    return undefined;
  }
}

const metadataKeys = [PDFName.of("Metadata"), PDFName.of("PieceInfo")];
const annotationAuthorKey = PDFName.of("T");
/** Annotation kinds whose /T names the person who made the comment (a widget's /T is a field name). */
const markupAnnotationTypes = new Set(
  ["Text", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline", "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "FileAttachment", "Sound", "Redact"].map(
    (name) => PDFName.of(name),
  ),
);

/**
 * Rewrites the PDF without its document information (title, author, subject, keywords, creator,
 * producer, dates), its file identifier, any XMP or application data on the catalog, pages, fonts or
 * images, the author names on comments, and the Exif inside embedded JPEG photos. Only objects
 * reachable from the catalog are written, so metadata left behind by earlier incremental saves, or
 * orphaned by the removal, goes too.
 *
 * An encrypted PDF (even one that opens without a password) or one pdf-lib cannot parse is refused
 * as "unreadable" rather than stored with its metadata: its strings cannot be rewritten, and a
 * reporter hiding their identity must not find out later that the author field went through. The
 * advice page tells them to print it to a new PDF first.
 */
async function cleanPdf(bytes: Uint8Array): Promise<Buffer | undefined> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false });
    if (document.getPageCount() === 0) return undefined;
  } catch {
    return undefined;
  }
  const { context } = document;
  const root = context.trailerInfo.Root;
  if (!root) return undefined;
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;

  const reachable = new Set<string>();
  const pending: PDFObject[] = [root];
  for (let object = pending.pop(); object !== undefined; object = pending.pop()) {
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) continue;
      reachable.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dictionary = object instanceof PDFStream ? object.dict : object;
      for (const key of metadataKeys) dictionary.delete(key);
      const subtype = dictionary.get(PDFName.of("Subtype"));
      if (subtype instanceof PDFName && markupAnnotationTypes.has(subtype)) dictionary.delete(annotationAuthorKey);
      for (const [, value] of dictionary.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }

  for (const [reference, object] of context.enumerateIndirectObjects()) {
    if (!reachable.has(reference.tag)) context.delete(reference);
    else if (object instanceof PDFRawStream && isJpegImage(object.dict)) context.assign(reference, PDFRawStream.of(object.dict, stripJpegMetadata(object.contents)));
  }
  const saved = await document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength);
}

function isJpegImage(dictionary: PDFDict): boolean {
  if (dictionary.get(PDFName.of("Subtype")) !== PDFName.of("Image")) return false;
  const filter = dictionary.get(PDFName.of("Filter"));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  return filters.length === 1 && filters[0] === PDFName.of("DCTDecode");
}

/**
 * Keeps the JPEG segments decoding needs — JFIF (APP0), the colour profile (APP2 "ICC_PROFILE"),
 * Adobe's colour transform (APP14) — and drops Exif and XMP (APP1, with their thumbnails, which can
 * show what was cropped), IPTC (APP13), other vendors' APPn and comments. A JPEG whose segment
 * structure cannot be followed is returned as it is: metadata readers walk the same structure, and
 * the viewer is as lost as they are.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) return jpeg;
    const marker = jpeg[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0xda) {
      kept.push(jpeg.subarray(offset)); // start of scan: the rest is image data
      return Buffer.concat(kept);
    }
    const length = ((jpeg[offset + 2] ?? 0) << 8) | (jpeg[offset + 3] ?? 0);
    const end = offset + 2 + length;
    if (length < 2 || end > jpeg.length) return jpeg;
    if (isNeededSegment(marker, jpeg.subarray(offset + 4, end))) kept.push(jpeg.subarray(offset, end));
    offset = end;
  }
  return jpeg;
}

function isNeededSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xe0) return startsWithText(payload, "JFIF\0");
  if (marker === 0xe2) return startsWithText(payload, "ICC_PROFILE\0");
  if (marker === 0xee) return true;
  return !(marker >= 0xe1 && marker <= 0xef) && marker !== 0xfe;
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  return Array.from(text).every((character, index) => bytes[index] === character.charCodeAt(0));
}
