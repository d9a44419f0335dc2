import { fileTypeFromBuffer } from "file-type";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from "pdf-lib";
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

/**
 * "unreadable": an image or PDF we could not open, so could not clean; we never store it uncleaned.
 * "pdf_embedded_files": a PDF carrying other files inside it (a Word document with its author, say),
 * which we cannot clean either; the reporter can send those files on their own.
 */
export type CleaningRefusal = ContentRefusal | "unreadable" | "pdf_embedded_files";

type Rewriting = { bytes: Buffer } | { refused: "unreadable" | "pdf_embedded_files" };

const unreadable = { refused: "unreadable" } as const;

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
  const rewritten = await removeMetadata(bytes, accepted);
  if ("refused" in rewritten) return rewritten;
  return { cleaned: { bytes: rewritten.bytes, mediaType: accepted.mediaType, extension: accepted.extension, fileName: storedFileName(fileName, accepted) } };
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

function removeMetadata(bytes: Uint8Array, accepted: AcceptedType): Promise<Rewriting> {
  const reencode = imageEncoders[accepted.mediaType];
  if (reencode) return reencodeImage(bytes, reencode);
  if (accepted.mediaType === "application/pdf") return cleanPdf(bytes);
  return Promise.resolve({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
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
async function reencodeImage(bytes: Uint8Array, encode: (image: Sharp) => Sharp): Promise<Rewriting> {
  try {
    return { bytes: await encode(sharp(bytes, { animated: true, failOn: "error" }).autoOrient()).toBuffer() };
  } catch {
    return unreadable;
  }
}

const metadataKeys = [PDFName.of("Metadata"), PDFName.of("PieceInfo")];
/** When a comment was made or last changed, and the id the tool gave it (often one per machine or account). */
const annotationTraceKeys = [PDFName.of("M"), PDFName.of("CreationDate"), PDFName.of("NM")];
const annotationAuthorKey = PDFName.of("T");
const annotationType = PDFName.of("Annot");
/** Annotation kinds whose /T names the person who made the comment (a widget's /T is a field name). */
const markupAnnotationTypes = new Set(
  ["Text", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline", "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "FileAttachment", "Sound", "Redact"].map(
    (name) => PDFName.of(name),
  ),
);
/** Every annotation kind (ISO 32000-2, table 171): some tools leave out an annotation's /Type. */
const annotationTypes = new Set([
  ...markupAnnotationTypes,
  ...["Link", "Popup", "Movie", "Screen", "Widget", "PrinterMark", "TrapNet", "Watermark", "3D", "Projection", "RichMedia"].map((name) => PDFName.of(name)),
]);
const popupAnnotationType = PDFName.of("Popup");
/**
 * Actions that open another file, and the keys that say where it is. Word and other tools turn a
 * link to a file on the writer's disk into one of these: its path (C:\Users\<name>\…, a network
 * share) names the reporter's account or machine, and staff cannot open the file anyway.
 */
const fileActionTypes = new Set(["Launch", "GoToR", "GoToE", "ImportData"].map((name) => PDFName.of(name)));
const fileLocationKeys = ["F", "Win", "Mac", "Unix"].map((name) => PDFName.of(name));
const uriActionType = PDFName.of("URI");
const baseAddressKey = PDFName.of("Base");
/** Web and mail addresses are evidence (a tender notice, a contact); any other address can be a path on the writer's machine. */
const publicAddress = /^(https?|mailto):/i;
/**
 * A signature's value (a field's /V): the signer's name, when, where and why they signed, and their
 * certificate in /Contents. Rewriting the file breaks the signature whatever we keep, so the field
 * stays unsigned and its visible appearance on the page stays; the catalog's store of certificates
 * and revocation answers (/DSS), and the permissions that point at signatures (/Perms), go with it.
 */
const signatureTypes = new Set(["Sig", "DocTimeStamp"].map((name) => PDFName.of(name)));
const catalogType = PDFName.of("Catalog");
const catalogSignatureKeys = ["DSS", "Perms"].map((name) => PDFName.of(name));

/**
 * Rewrites the PDF without its document information (title, author, subject, keywords, creator,
 * producer, dates), its file identifier, any XMP or application data on the catalog, pages, fonts or
 * images, the author names, dates and ids on comments, the paths of links to files on the writer's
 * machine, digital signatures' values (signer, time, certificate), and the Exif inside embedded JPEG
 * photos.
 * Only objects reachable from the catalog are written, so metadata left behind by earlier
 * incremental saves, or orphaned by the removal, goes too.
 *
 * An encrypted PDF (even one that opens without a password) or one pdf-lib cannot parse is refused
 * as "unreadable" rather than stored with its metadata: its strings cannot be rewritten, and a
 * reporter hiding their identity must not find out later that the author field went through. A PDF
 * that carries files (attachments, or a comment holding a file) is refused as "pdf_embedded_files":
 * dropping them would lose evidence without saying so, and keeping them would keep whatever the
 * files hold. The advice page tells reporters to send such files separately or to print the PDF to
 * a new PDF first.
 */
async function cleanPdf(bytes: Uint8Array): Promise<Rewriting> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { updateMetadata: false });
    if (document.getPageCount() === 0) return unreadable;
  } catch {
    return unreadable;
  }
  const { context } = document;
  const root = context.trailerInfo.Root;
  if (!root) return unreadable;
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
      if (carriesFiles(dictionary)) return { refused: "pdf_embedded_files" };
      removeTraces(dictionary);
      for (const [, value] of dictionary.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }

  for (const [reference, object] of context.enumerateIndirectObjects()) {
    if (!reachable.has(reference.tag)) context.delete(reference);
    else if (object instanceof PDFRawStream && isJpegImage(object.dict)) {
      const photo = jpegWithoutMetadata(context, object);
      if (!photo) return unreadable;
      context.assign(reference, photo);
    }
  }
  const saved = await document.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes: Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength) };
}

/**
 * The document's attachments (the catalog's /EmbeddedFiles name tree, even an empty one: rare, and
 * printing to a new PDF clears it too), a file specification holding a file (/EF, wherever it
 * hangs: a comment, PDF/A-3's associated files, a portfolio), the file's own stream, and a
 * file-attachment comment, even one whose file lies outside the PDF: its path can name the
 * reporter's folder.
 */
function carriesFiles(dictionary: PDFDict): boolean {
  return (
    dictionary.has(PDFName.of("EmbeddedFiles")) ||
    dictionary.has(PDFName.of("EF")) ||
    dictionary.get(PDFName.of("Type")) === PDFName.of("EmbeddedFile") ||
    dictionary.get(PDFName.of("Subtype")) === PDFName.of("FileAttachment")
  );
}

function removeTraces(dictionary: PDFDict): void {
  for (const key of metadataKeys) dictionary.delete(key);
  removeFileLocations(dictionary);
  removeSignatures(dictionary);
  const subtype = dictionary.get(PDFName.of("Subtype"));
  const isAnnotationType = subtype instanceof PDFName && annotationTypes.has(subtype);
  if (!isAnnotationType && dictionary.get(PDFName.of("Type")) !== annotationType) return;
  for (const key of annotationTraceKeys) dictionary.delete(key);
  // Some tools copy the author of a comment onto its pop-up.
  if (subtype instanceof PDFName && (markupAnnotationTypes.has(subtype) || subtype === popupAnnotationType)) dictionary.delete(annotationAuthorKey);
}

function removeFileLocations(dictionary: PDFDict): void {
  const action = dictionary.get(PDFName.of("S"));
  if (action instanceof PDFName && fileActionTypes.has(action)) {
    for (const key of fileLocationKeys) dictionary.delete(key);
  }
  // A link's address, and the catalog's base address for relative links (/URI << /Base … >>).
  const addressKeys = action === uriActionType ? [uriActionType, baseAddressKey] : [baseAddressKey];
  for (const key of addressKeys) {
    const address = dictionary.lookup(key);
    if ((address instanceof PDFString || address instanceof PDFHexString) && !publicAddress.test(address.decodeText().trim())) dictionary.delete(key);
  }
}

function removeSignatures(dictionary: PDFDict): void {
  const value = dictionary.lookup(PDFName.of("V"));
  if (value instanceof PDFDict) {
    const type = value.get(PDFName.of("Type"));
    // Some tools leave out the value's /Type; the byte range it signs is there in every signature.
    if ((type instanceof PDFName && signatureTypes.has(type)) || value.has(PDFName.of("ByteRange"))) dictionary.delete(PDFName.of("V"));
  }
  if (dictionary.get(PDFName.of("Type")) === catalogType) for (const key of catalogSignatureKeys) dictionary.delete(key);
}

const jpegFilter = PDFName.of("DCTDecode");

function filtersOf(dictionary: PDFDict): PDFObject[] {
  const filter = dictionary.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFArray) return filter.asArray();
  return filter ? [filter] : [];
}

function isJpegImage(dictionary: PDFDict): boolean {
  return dictionary.get(PDFName.of("Subtype")) === PDFName.of("Image") && filtersOf(dictionary).at(-1) === jpegFilter;
}

/**
 * The photo stream with its Exif removed. A JPEG some tool compressed once more ([/FlateDecode
 * /DCTDecode]) is unwrapped first and stored as a plain JPEG, the wrapping gaining next to nothing.
 * One whose wrapping pdf-lib cannot undo (it knows the standard filters but not Flate's predictors)
 * is undefined: the PDF is then refused rather than stored with the photo's Exif.
 */
function jpegWithoutMetadata(context: PDFContext, stream: PDFRawStream): PDFRawStream | undefined {
  const filters = filtersOf(stream.dict);
  if (filters.length === 1) return PDFRawStream.of(stream.dict, stripJpegMetadata(stream.contents));
  const parametersKey = PDFName.of("DecodeParms");
  const parameters = stream.dict.lookup(parametersKey);
  const parameterList = parameters instanceof PDFArray ? parameters.asArray() : [];
  const wrapping = stream.dict.clone(context);
  wrapping.set(PDFName.of("Filter"), context.obj(filters.slice(0, -1)));
  wrapping.set(parametersKey, context.obj(parameterList.slice(0, -1)));
  let jpeg: Uint8Array;
  try {
    jpeg = decodePDFRawStream(PDFRawStream.of(wrapping, stream.contents)).decode();
  } catch {
    return undefined;
  }
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  const photo = stream.dict.clone(context);
  photo.set(PDFName.of("Filter"), jpegFilter);
  const jpegParameters = context.lookup(parameterList.at(-1));
  if (jpegParameters instanceof PDFDict) photo.set(parametersKey, jpegParameters);
  else photo.delete(parametersKey);
  return PDFRawStream.of(photo, stripJpegMetadata(jpeg));
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
