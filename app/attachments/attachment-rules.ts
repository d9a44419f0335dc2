/**
 * What evidence Prongsai accepts, decided from the content and never from the name or the type the
 * browser claims (ARCHITECTURE §6). Pure: the caller sniffs with `file-type` and hands the result in,
 * so these rules run the same in tests, on the server and, for the list of types, in the browser.
 */

export type AttachmentGroup = "document" | "image" | "audio" | "video";

export interface AcceptedType {
  group: AttachmentGroup;
  mediaType: string;
  /** The extension we give the file when its name does not already say what it is. */
  extension: string;
  /** Name extensions that already say this type; any other one gets `extension` appended. */
  aliases: readonly string[];
}

export type ContentRefusal = "executable" | "archive" | "unsupported" | "empty";

export type ContentClassification = { accepted: AcceptedType } | { refused: ContentRefusal };

function acceptedType(group: AttachmentGroup, mediaType: string, extension: string, aliases: readonly string[] = [extension]): AcceptedType {
  return { group, mediaType, extension, aliases };
}

const pdf = acceptedType("document", "application/pdf", "pdf");
const word = acceptedType("document", "application/msword", "doc");
const excel = acceptedType("document", "application/vnd.ms-excel", "xls");
const powerPoint = acceptedType("document", "application/vnd.ms-powerpoint", "ppt", ["ppt", "pps"]);
const utf8Text = acceptedType("document", "text/plain; charset=utf-8", "txt", ["txt", "text", "csv", "tsv", "log", "md"]);
// Thai Windows (and older Notepad) saved text as Windows-874, a superset of TIS-620: still common.
const thaiWindowsText = acceptedType("document", "text/plain; charset=windows-874", "txt", utf8Text.aliases);

/** Keyed by the `ext` that file-type reports. */
const acceptedByDetectedExtension: ReadonlyMap<string, AcceptedType> = new Map([
  ["pdf", pdf],
  ["docx", acceptedType("document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")],
  ["xlsx", acceptedType("document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")],
  ["pptx", acceptedType("document", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")],
  ["ppsx", acceptedType("document", "application/vnd.openxmlformats-officedocument.presentationml.slideshow", "ppsx")],
  ["odt", acceptedType("document", "application/vnd.oasis.opendocument.text", "odt")],
  ["ods", acceptedType("document", "application/vnd.oasis.opendocument.spreadsheet", "ods")],
  ["odp", acceptedType("document", "application/vnd.oasis.opendocument.presentation", "odp")],
  ["rtf", acceptedType("document", "application/rtf", "rtf")],
  // No HEIC: the prebuilt image library cannot decode it, so its location could not be removed.
  // iOS converts HEIC photos to JPEG for a web upload unless the page asks for HEIC, which ours does not.
  ["jpg", acceptedType("image", "image/jpeg", "jpg", ["jpg", "jpeg", "jpe", "jfif"])],
  ["png", acceptedType("image", "image/png", "png")],
  ["apng", acceptedType("image", "image/png", "png")],
  ["gif", acceptedType("image", "image/gif", "gif")],
  ["webp", acceptedType("image", "image/webp", "webp")],
  ["tif", acceptedType("image", "image/tiff", "tif", ["tif", "tiff"])],
  ["avif", acceptedType("image", "image/avif", "avif")],
  ["mp3", acceptedType("audio", "audio/mpeg", "mp3")],
  ["m4a", acceptedType("audio", "audio/mp4", "m4a")],
  ["wav", acceptedType("audio", "audio/wav", "wav")],
  ["ogg", acceptedType("audio", "audio/ogg", "ogg", ["ogg", "oga"])],
  ["oga", acceptedType("audio", "audio/ogg", "oga", ["oga", "ogg"])],
  ["opus", acceptedType("audio", "audio/ogg", "opus", ["opus", "ogg"])],
  ["flac", acceptedType("audio", "audio/flac", "flac")],
  ["aac", acceptedType("audio", "audio/aac", "aac")],
  ["amr", acceptedType("audio", "audio/amr", "amr")],
  ["aif", acceptedType("audio", "audio/aiff", "aif", ["aif", "aiff"])],
  ["mp4", acceptedType("video", "video/mp4", "mp4")],
  ["m4v", acceptedType("video", "video/mp4", "m4v", ["m4v", "mp4"])],
  ["mov", acceptedType("video", "video/quicktime", "mov")],
  ["webm", acceptedType("video", "video/webm", "webm")],
  ["mkv", acceptedType("video", "video/x-matroska", "mkv")],
  ["avi", acceptedType("video", "video/x-msvideo", "avi")],
  ["3gp", acceptedType("video", "video/3gpp", "3gp")],
  ["3g2", acceptedType("video", "video/3gpp2", "3g2")],
  ["mpg", acceptedType("video", "video/mpeg", "mpg", ["mpg", "mpeg"])],
  ["mts", acceptedType("video", "video/mp2t", "mts", ["mts", "m2ts", "ts"])],
  ["ogv", acceptedType("video", "video/ogg", "ogv")],
]);

/** Every accepted type once, e.g. for the form's `accept` attribute and the advice page. */
export const acceptedTypes: readonly AcceptedType[] = [...acceptedByDetectedExtension.values(), word, excel, powerPoint, utf8Text].filter(
  (candidate, index, all) => all.findIndex((other) => other.mediaType === candidate.mediaType && other.extension === candidate.extension) === index,
);

/**
 * Programs, and documents that carry programs (macros): an investigator who opens one runs code
 * from an anonymous sender.
 */
const executableExtensions: ReadonlySet<string> = new Set([
  "exe", "elf", "macho", "class", "jar", "apk", "wasm", "swf", "lnk", "reg", "crx", "xpi", "chm", "asar",
  "docm", "dotm", "xlsm", "xltm", "pptm", "potm", "ppsm",
]);

/** Archives hide their contents from these rules; the reporter can attach the files themselves. */
const archiveExtensions: ReadonlySet<string> = new Set([
  "zip", "tar", "tar.gz", "rar", "gz", "bz2", "7z", "xz", "Z", "lz", "lzh", "lz4", "zst", "cab", "deb", "rpm", "ar", "dmg", "cpio", "arj", "ace",
]);

/** Formats file-type names that are text underneath: judged as text, not refused outright. */
const textualExtensions: ReadonlySet<string> = new Set(["xml", "ics", "vcf", "vtt"]);

export function classifyContent(detected: { mime: string; ext: string } | undefined, content: Uint8Array): ContentClassification {
  if (content.length === 0) return { refused: "empty" };
  if (startsLikeExecutable(content)) return { refused: "executable" };
  if (detected) {
    if (executableExtensions.has(detected.ext)) return { refused: "executable" };
    if (archiveExtensions.has(detected.ext)) return { refused: "archive" };
    if (detected.ext === "cfb") return classifyCompoundFile(content);
    const accepted = acceptedByDetectedExtension.get(detected.ext);
    if (accepted) return { accepted };
    if (!textualExtensions.has(detected.ext)) return { refused: "unsupported" };
  }
  return classifyText(content);
}

const executableSignatures: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows and DOS programs, DLLs
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32-bit, big-endian
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64-bit, big-endian
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32-bit, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal binary, or a Java class
  [0xca, 0xfe, 0xba, 0xbf], // Mach-O universal binary, 64-bit
  [0x23, 0x21], // "#!": a script that names its interpreter
];

/** Checked before file-type's answer, which skips some of these (scripts, Mach-O variants). */
function startsLikeExecutable(content: Uint8Array): boolean {
  return executableSignatures.some((signature) => signature.every((byte, index) => content[index] === byte));
}

/**
 * Plain text has no signature, so we accept it only when it is unmistakably text: UTF-8 (the form
 * of every modern editor), or Thai Windows-874 from older ones, with no NUL and no control
 * characters other than tab, line feed, form feed and carriage return. Anything else without a
 * recognised signature is binary we cannot vouch for, and refused. Text is never run: the stored
 * name gets `.txt` unless its own extension is a text one (see `storedFileName`), so `notes.bat` or
 * `page.html` downloads as `notes.bat.txt` or `page.html.txt` and opens in an editor.
 */
function classifyText(content: Uint8Array): ContentClassification {
  if (!content.every(isTextByteOrNonAscii)) return { refused: "unsupported" };
  if (isUtf8(content)) return { accepted: utf8Text };
  if (content.every(isWindows874Byte)) return { accepted: thaiWindowsText };
  return { refused: "unsupported" };
}

function isTextByteOrNonAscii(byte: number): boolean {
  return byte >= 0x20 ? byte !== 0x7f : byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function isUtf8(content: Uint8Array): boolean {
  try {
    strictUtf8.decode(content);
    return true;
  } catch {
    return false;
  }
}

/** ASCII, Thai letters and digits (0xA1–0xDA, 0xDF–0xFB), and Windows-874's punctuation. */
function isWindows874Byte(byte: number): boolean {
  if (byte < 0x80) return true;
  return byte === 0x80 || byte === 0x85 || (byte >= 0x91 && byte <= 0x97) || (byte >= 0xa0 && byte <= 0xda) || (byte >= 0xdf && byte <= 0xfb);
}

/**
 * Legacy Office files (.doc, .xls, .ppt) and Windows installers (.msi) share one container, the
 * Compound File; file-type says only "cfb". The names of the streams inside tell them apart.
 */
function classifyCompoundFile(content: Uint8Array): ContentClassification {
  const directory = readCompoundFileDirectory(content);
  if (!directory) return { refused: "unsupported" };
  if (isInstallerClassId(directory.rootClassId)) return { refused: "executable" };
  // Word keeps VBA under "Macros", Excel under "_VBA_PROJECT_CUR"; both hold a "_VBA_PROJECT" stream.
  if (["Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"].some((name) => directory.names.has(name))) return { refused: "executable" };
  if (directory.names.has("WordDocument")) return { accepted: word };
  if (directory.names.has("Workbook") || directory.names.has("Book")) return { accepted: excel };
  if (directory.names.has("PowerPoint Document")) return { accepted: powerPoint };
  return { refused: "unsupported" };
}

/** Windows Installer package, patch and transform: {000C1084|1086|1082-0000-0000-C000-000000000046}. */
function isInstallerClassId(classId: Uint8Array | undefined): boolean {
  if (!classId || classId.length !== 16) return false;
  const installerTail = [0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];
  return classId[1] === 0x10 && [0x82, 0x84, 0x86].includes(classId[0] ?? -1) && installerTail.every((byte, index) => classId[index + 2] === byte);
}

const compoundFileSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const headerFatSlots = 109;
const directoryEntrySize = 128;
const rootStorageType = 5;

interface CompoundFileDirectory {
  names: Set<string>;
  rootClassId: Uint8Array | undefined;
}

/**
 * Reads the entry names of a Compound File (MS-CFB §2): follows the directory's sector chain
 * through the FAT, whose sectors the header and the DIFAT chain list. Every loop is bounded by the
 * number of sectors the content holds, so a crafted cycle or a cut file ends the walk.
 */
export function readCompoundFileDirectory(content: Uint8Array): CompoundFileDirectory | undefined {
  if (content.length < 512 || !compoundFileSignature.every((byte, index) => content[index] === byte)) return undefined;
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return undefined;
  const sectorSize = 2 ** sectorShift;
  const sectorCount = Math.floor(content.length / sectorSize) - 1;
  const slotsPerSector = sectorSize / 4;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const isSector = (sector: number) => sector < sectorCount;

  const fatSectors: number[] = [];
  for (let slot = 0; slot < headerFatSlots; slot += 1) {
    const sector = view.getUint32(0x4c + slot * 4, true);
    if (isSector(sector)) fatSectors.push(sector);
  }
  let difatSector = view.getUint32(0x44, true);
  for (let walked = 0; isSector(difatSector) && walked < sectorCount; walked += 1) {
    const base = sectorOffset(difatSector);
    for (let slot = 0; slot < slotsPerSector - 1; slot += 1) {
      const sector = view.getUint32(base + slot * 4, true);
      if (isSector(sector)) fatSectors.push(sector);
    }
    difatSector = view.getUint32(base + (slotsPerSector - 1) * 4, true);
  }
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / slotsPerSector)];
    return fatSector === undefined ? 0xfffffffe : view.getUint32(sectorOffset(fatSector) + (sector % slotsPerSector) * 4, true);
  };

  const names = new Set<string>();
  let rootClassId: Uint8Array | undefined;
  let sector = view.getUint32(0x30, true);
  for (let walked = 0; isSector(sector) && walked < sectorCount; walked += 1) {
    const base = sectorOffset(sector);
    for (let entry = base; entry < base + sectorSize; entry += directoryEntrySize) {
      const nameBytes = view.getUint16(entry + 0x40, true);
      const objectType = content[entry + 0x42];
      if (objectType === 0 || nameBytes < 2 || nameBytes > 64) continue;
      let name = "";
      for (let offset = 0; offset < nameBytes - 2; offset += 2) name += String.fromCharCode(view.getUint16(entry + offset, true));
      names.add(name);
      if (objectType === rootStorageType) rootClassId = content.slice(entry + 0x50, entry + 0x60);
    }
    sector = nextSector(sector);
  }
  return { names, rootClassId };
}

const maximumNameLength = 180;

/** C0 and C1 controls, and the bidirectional marks that make "exe.pdf" display as "fdp.exe". */
function isUnsafeNameCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function truncate(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length > length ? characters.slice(0, length).join("") : text;
}

/**
 * The name a file is kept and later downloaded under: the reporter's base name (no folders), with
 * no control or direction characters, ending in an extension that matches the content. A name that
 * says otherwise keeps its text and gains the true extension, so no download opens in the program
 * its original name would have chosen.
 */
export function storedFileName(originalName: string, accepted: AcceptedType): string {
  const baseName = Array.from((originalName.split(/[/\\]/).pop() ?? "").normalize("NFC"))
    .filter((character) => !isUnsafeNameCharacter(character))
    .join("")
    .trim()
    .replace(/[. ]+$/, "");
  const dot = baseName.lastIndexOf(".");
  const nameExtension = dot >= 0 ? baseName.slice(dot + 1) : "";
  const matches = accepted.aliases.includes(nameExtension.toLowerCase());
  const stem = (matches ? baseName.slice(0, dot) : baseName) || "attachment";
  return `${truncate(stem, maximumNameLength)}.${matches ? nameExtension : accepted.extension}`;
}
