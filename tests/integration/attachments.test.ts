import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFContext, type PDFRef } from "pdf-lib";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { cleanAttachment } from "../../app/attachments/attachment-cleaning.server";
import { InvalidStorageKeyError } from "../../app/attachments/attachment-store.server";
import {
  AttachmentIntegrityError,
  discardPreparedAttachments,
  prepareAttachments,
  readAttachment,
  recordAttachments,
  type PreparationResult,
  type PreparedAttachment,
} from "../../app/attachments/attachments.server";
import { createUploadCollector } from "../../app/attachments/upload-handler.server";
import { DecryptionError } from "../../app/crypto/envelope.server";
import type { AppServices } from "../../app/services.server";
import type { Kysely } from "kysely";
import type { Database } from "../../app/db.server";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence, pdfWithAttachedFile } from "../support/evidence-files";
import { testServices } from "../support/services";
import { createZip, minimalDocx } from "../support/zip";

const reporterName = "Somchai Secret";
const filedAt = Date.UTC(2026, 0, 15, 2, 0, 0);

/** 40×20 pixels, left half red, right half blue, to be shown turned a quarter clockwise (Exif orientation 6). */
async function photoWithExif(): Promise<Buffer> {
  const width = 40;
  const height = 20;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) pixels[(y * width + x) * 3 + (x < width / 2 ? 0 : 2)] = 255;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: reporterName, Make: "PhoneMaker", Model: "Phone 12" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "13/1 45/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "100/1 30/1 0/1" } })
    .toBuffer();
}

const gpsIfdTag = Buffer.from([0x25, 0x88]);

async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return Array.from(data.subarray(offset, offset + 3));
}

const xmpPacket =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${reporterName} (XMP)</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A PDF that gives its author away in every place we know of, saved without object streams so the test can see them. */
async function pdfWithMetadata(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle("Leaked procurement memo");
  document.setAuthor(reporterName);
  document.setSubject("Tender 42");
  document.setKeywords(["procurement", "bribe"]);
  document.setCreator("Somchai's Laptop Word");
  document.setProducer("Agency Scanner 3000");
  const page = document.addPage([200, 200]);
  page.drawImage(await document.embedJpg(await photoWithExif()), { x: 10, y: 10, width: 40, height: 20 });
  const { context } = document;
  document.catalog.set(PDFName.of("Metadata"), context.register(context.stream(xmpPacket, { Type: "Metadata", Subtype: "XML" })));
  const comment = context.obj({ Type: "Annot", Subtype: "Text", Rect: [50, 50, 70, 70], T: PDFString.of(`${reporterName} (comment)`), Contents: PDFString.of("see the second page") });
  page.node.set(PDFName.of("Annots"), context.obj([context.register(comment)]));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

/** A PDF dictionary written as an object literal, as pdf-lib's `context.obj` takes it. */
type PdfDictionaryLiteral = NonNullable<Parameters<PDFContext["flateStream"]>[1]>;

/** Adds an annotation to the first page; answers its reference. */
function addAnnotation(document: PDFDocument, annotation: PdfDictionaryLiteral): PDFRef {
  const { context } = document;
  const page = document.getPage(0).node;
  const reference = context.register(context.obj(annotation));
  const annotations = page.Annots() ?? context.obj([]);
  annotations.push(reference);
  page.set(PDFName.of("Annots"), annotations);
  return reference;
}

function fileOf(content: string | Uint8Array, name: string, browserType = "application/octet-stream"): File {
  return new File([typeof content === "string" ? Buffer.from(content) : Buffer.from(content)], name, { type: browserType });
}

function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function prepared(result: PreparationResult): PreparedAttachment[] {
  if ("refused" in result) throw new Error(`expected the files to be accepted, got ${JSON.stringify(result.refused)}`);
  return result.prepared;
}

function insertCase(db: Kysely<Database>): Promise<string> {
  return insertBareCase(db, {}, filedAt);
}

describeEachDialect("attachments", (current) => {
  const dataDirectories: string[] = [];
  afterEach(() => {
    for (const directory of dataDirectories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
  });

  function services(overrides: Record<string, string> = {}): AppServices {
    const built = testServices(current(), overrides);
    dataDirectories.push(built.config.dataDirectory);
    return built;
  }

  function attachmentFiles(built: AppServices): string[] {
    return filesUnder(path.join(built.config.dataDirectory, "attachments"));
  }

  /** Prepares, records in a transaction, and reads back the rows: the path intake takes. */
  async function store(built: AppServices, files: File[]) {
    const caseId = await insertCase(built.db);
    const ready = prepared(await prepareAttachments(built, files, "as_sent"));
    await built.db.transaction().execute((transaction) => recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: ready, now: filedAt }));
    return built.db.selectFrom("attachments").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();
  }

  it("removes Exif, GPS and the author from a photo, after turning it upright", async () => {
    const photo = await photoWithExif();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes(reporterName)).toBe(true);
    expect(before.exif?.includes(gpsIfdTag)).toBe(true);

    const built = services();
    const [row] = await store(built, [fileOf(photo, "IMG_0001.JPG", "image/jpeg")]);
    const { fileName, mediaType, bytes } = await readAttachment(built, row!);

    expect({ fileName, mediaType }).toEqual({ fileName: "IMG_0001.JPG", mediaType: "image/jpeg" });
    expect(row).toMatchObject({ uploaded_by_type: "reporter", media_type: "image/jpeg", size_bytes: bytes.length, created_at: filedAt });
    const after = await sharp(bytes).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 20, height: 40 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(bytes.includes(reporterName)).toBe(false);
    expect(bytes.includes("PhoneMaker")).toBe(false);
    // The left (red) half of the sensor image is the top once turned a quarter clockwise.
    const [red, , blue] = await pixelAt(bytes, 10, 5);
    expect(red).toBeGreaterThan(200);
    expect(blue).toBeLessThan(60);
    const [redBelow, , blueBelow] = await pixelAt(bytes, 10, 35);
    expect(redBelow).toBeLessThan(60);
    expect(blueBelow).toBeGreaterThan(200);
  });

  it("removes the document information, XMP, comment authors and the embedded photo's Exif from a PDF", async () => {
    const pdf = await pdfWithMetadata();
    const hexAuthor = PDFHexString.fromText(reporterName).toString().slice(1, -1);
    for (const trace of [hexAuthor, `${reporterName} (XMP)`, `${reporterName} (comment)`, reporterName]) expect(pdf.includes(trace)).toBe(true);

    const built = services();
    const [row] = await store(built, [fileOf(pdf, "memo.pdf", "application/pdf")]);
    const { mediaType, bytes } = await readAttachment(built, row!);
    expect(mediaType).toBe("application/pdf");

    for (const trace of [hexAuthor, reporterName, "Leaked procurement memo", "Agency Scanner", "Laptop", "PhoneMaker", "xmpmeta"]) {
      expect(bytes.includes(trace), trace).toBe(false);
    }
    expect(bytes.toString("latin1")).not.toMatch(/\/(Info|ID|Metadata|Producer|Author)\b/);
    const reloaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(reloaded.getPageCount()).toBe(1);
    expect([reloaded.getTitle(), reloaded.getAuthor(), reloaded.getSubject(), reloaded.getKeywords(), reloaded.getCreator(), reloaded.getProducer(), reloaded.getCreationDate(), reloaded.getModificationDate()]).toEqual(
      Array(8).fill(undefined),
    );
    expect(reloaded.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    const page = reloaded.getPage(0);
    const comment = reloaded.context.lookup(page.node.Annots()?.get(0), PDFDict);
    expect(comment.get(PDFName.of("Contents"))?.toString()).toBe("(see the second page)");
    expect(comment.get(PDFName.of("T"))).toBeUndefined();
    const images = page.node.Resources()?.lookup(PDFName.of("XObject"), PDFDict);
    expect(images?.keys()).toHaveLength(1);
  });

  it("refuses an encrypted or damaged PDF rather than keep its metadata", async () => {
    const document = await PDFDocument.create();
    document.addPage();
    document.setAuthor(reporterName);
    const { context } = document;
    context.trailerInfo.Encrypt = context.register(context.obj({ Filter: "Standard", V: 1, R: 2, O: PDFString.of("owner"), U: PDFString.of("user"), P: -4 }));
    const encrypted = Buffer.from(await document.save({ useObjectStreams: false }));
    expect(await cleanAttachment(encrypted, "locked.pdf")).toEqual({ refused: "unreadable" });
    expect(await cleanAttachment(Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog\n%%EOF\n"), "broken.pdf")).toEqual({ refused: "unreadable" });
  });

  it.each([
    ["in its attachments list", async (document: PDFDocument) => {
      await document.attach(minimalDocx("ใบเสนอราคา"), "quote.docx", { creationDate: new Date(filedAt), modificationDate: new Date(filedAt) });
    }],
    ["in a comment holding a Word document, dated", async (document: PDFDocument) => {
      const { context } = document;
      const word = context.register(context.flateStream(minimalDocx("ใบเสนอราคา"), { Type: "EmbeddedFile", Params: { CreationDate: PDFString.fromDate(new Date(filedAt)), ModDate: PDFString.fromDate(new Date(filedAt)) } }));
      const fileSpecification = context.register(context.obj({ Type: "Filespec", F: PDFString.of("quote.docx"), UF: PDFHexString.fromText("quote.docx"), EF: { F: word } }));
      addAnnotation(document, { Type: "Annot", Subtype: "FileAttachment", Rect: [10, 10, 30, 30], Name: "PushPin", FS: fileSpecification, Contents: PDFString.of("the quote") });
    }],
    ["in a comment pointing to a file on the sender's computer", async (document: PDFDocument) => {
      const { context } = document;
      const fileSpecification = context.obj({ Type: "Filespec", F: PDFString.of(`C:\\Users\\${reporterName}\\Desktop\\quote.docx`) });
      addAnnotation(document, { Type: "Annot", Subtype: "FileAttachment", Rect: [10, 10, 30, 30], FS: fileSpecification });
    }],
    ["as a file associated with the document (PDF/A-3)", async (document: PDFDocument) => {
      const { context } = document;
      const invoice = context.register(context.flateStream("<Invoice/>", { Type: "EmbeddedFile", Subtype: "text/xml" }));
      document.catalog.set(PDFName.of("AF"), context.obj([context.obj({ Type: "Filespec", F: PDFString.of("invoice.xml"), EF: { F: invoice }, AFRelationship: "Data" })]));
    }],
  ])("refuses a PDF carrying a file %s, which it could not clean", async (_where, addFile) => {
    const document = await PDFDocument.create();
    document.addPage([200, 200]);
    await addFile(document);
    const pdf = Buffer.from(await document.save({ useObjectStreams: false }));
    expect(await cleanAttachment(pdf, "quote.pdf")).toEqual({ refused: "pdf_embedded_files" });
  });

  it("refuses the whole upload when one PDF carries files, naming it, and stores nothing", async () => {
    const built = services();
    const result = await prepareAttachments(built, [await pdfEvidence("memo.pdf"), await pdfWithAttachedFile("สัญญา.pdf")], "anonymous");
    expect(result).toEqual({ refused: [{ fileName: "สัญญา.pdf", reason: "pdf_embedded_files" }] });
    expect(attachmentFiles(built)).toEqual([]);
  });

  it("removes the dates and ids of every comment, and the author from comments and their pop-ups, keeping form field names", async () => {
    const document = await PDFDocument.create();
    document.addPage([200, 200]);
    const made = PDFString.of("D:20260301141233+07'00'");
    const changed = PDFString.of("D:20260302090000+07'00'");
    const highlight = addAnnotation(document, {
      Type: "Annot",
      Subtype: "Highlight",
      Rect: [10, 150, 190, 170],
      QuadPoints: [10, 170, 190, 170, 10, 150, 190, 150],
      Contents: PDFString.of("the signature on the contract"),
      T: PDFString.of(`${reporterName} (highlight)`),
      M: changed,
      CreationDate: made,
      NM: PDFString.of("9f3c2a71-somchai-laptop"),
    });
    const popup = addAnnotation(document, { Type: "Annot", Subtype: "Popup", Rect: [100, 100, 190, 140], Parent: highlight, T: PDFString.of(`${reporterName} (pop-up)`), M: changed, NM: PDFString.of("9f3c2a71-popup") });
    document.context.lookup(highlight, PDFDict).set(PDFName.of("Popup"), popup);
    // Some tools leave out /Type: the subtype alone makes it an annotation.
    addAnnotation(document, { Subtype: "Square", Rect: [10, 10, 50, 50], T: PDFString.of(`${reporterName} (square)`), M: changed, CreationDate: made, NM: PDFString.of("square-1") });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [60, 10, 100, 30], M: changed, NM: PDFString.of("link-1"), A: { S: "URI", URI: PDFString.of("https://example.org/tender-42") } });
    addAnnotation(document, { Type: "Annot", Subtype: "Widget", FT: "Tx", Rect: [110, 10, 190, 30], T: PDFString.of("amount"), V: PDFString.of("500,000"), M: changed });
    const pdf = Buffer.from(await document.save({ useObjectStreams: false }));
    for (const trace of ["D:20260301", "D:20260302", "somchai-laptop", reporterName]) expect(pdf.includes(trace), trace).toBe(true);

    const result = await cleanAttachment(pdf, "marked-up.pdf");
    if (!("cleaned" in result)) throw new Error(`expected the PDF to be cleaned, got ${result.refused}`);
    const { bytes } = result.cleaned;
    for (const trace of ["D:2026", "9f3c2a71", "square-1", "link-1", reporterName]) expect(bytes.includes(trace), trace).toBe(false);

    const reloaded = await PDFDocument.load(bytes, { updateMetadata: false });
    const annotations = reloaded.getPage(0).node.Annots()!.asArray().map((reference) => reloaded.context.lookup(reference, PDFDict));
    const keysOf = (annotation: PDFDict) => annotation.keys().map((key) => key.asString()).sort();
    expect(annotations.map(keysOf)).toEqual([
      ["/Contents", "/Popup", "/QuadPoints", "/Rect", "/Subtype", "/Type"],
      ["/Parent", "/Rect", "/Subtype", "/Type"],
      ["/Rect", "/Subtype"],
      ["/A", "/Rect", "/Subtype", "/Type"],
      ["/FT", "/Rect", "/Subtype", "/T", "/Type", "/V"],
    ]);
    const [cleanedHighlight, cleanedPopup, , , field] = annotations;
    expect(cleanedHighlight!.get(PDFName.of("Contents"))?.toString()).toBe("(the signature on the contract)");
    expect(reloaded.context.lookup(cleanedHighlight!.get(PDFName.of("Popup")))).toBe(cleanedPopup);
    expect(field!.get(PDFName.of("T"))?.toString()).toBe("(amount)");
  });

  it("removes the paths of links to files on the writer's machine, keeping web and mail links", async () => {
    const document = await PDFDocument.create();
    document.addPage([200, 200]);
    const { context } = document;
    const home = "C:\\Users\\somchai.s\\Documents";
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [0, 0, 20, 20], A: { S: "Launch", F: PDFString.of(`${home}\\สัญญา.docx`), NewWindow: true } });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [20, 0, 40, 20], A: { S: "Launch", Win: { F: PDFString.of(`${home}\\minutes.xlsx`), D: PDFString.of(home), P: PDFString.of("/open") } } });
    addAnnotation(document, {
      Type: "Annot",
      Subtype: "Link",
      Rect: [40, 0, 60, 20],
      A: { S: "GoToR", D: [0, "Fit"], F: { Type: "Filespec", F: PDFString.of("/home/somchai.s/evidence/memo.pdf"), UF: PDFHexString.fromText("/home/somchai.s/evidence/บันทึก.pdf") } },
    });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [60, 0, 80, 20], A: { S: "URI", URI: PDFString.of("file:///C:/Users/somchai.s/Desktop/photo.jpg") } });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [80, 0, 100, 20], A: { S: "URI", URI: PDFString.of("\\\\fileserver-somchai.s\\share\\bids.pdf") } });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [100, 0, 120, 20], A: { S: "URI", URI: PDFString.of("https://example.org/tender-42") } });
    addAnnotation(document, { Type: "Annot", Subtype: "Link", Rect: [120, 0, 140, 20], A: { S: "URI", URI: PDFString.of("mailto:procurement@example.go.th") } });
    document.catalog.set(PDFName.of("OpenAction"), context.obj({ S: "Launch", Unix: PDFString.of("/home/somchai.s/open-me.sh") }));
    document.catalog.set(PDFName.of("URI"), context.obj({ Base: PDFString.of("file:///C:/Users/somchai.s/") }));
    const pdf = Buffer.from(await document.save({ useObjectStreams: false }));
    expect(pdf.includes("somchai.s")).toBe(true);

    const result = await cleanAttachment(pdf, "links.pdf");
    if (!("cleaned" in result)) throw new Error(`expected the PDF to be cleaned, got ${result.refused}`);
    const { bytes } = result.cleaned;
    for (const trace of ["somchai", "Users", "fileserver", Buffer.from("บันทึก", "utf16le").toString("hex")]) expect(bytes.includes(trace), trace).toBe(false);
    const reloaded = await PDFDocument.load(bytes, { updateMetadata: false });
    const actions = reloaded
      .getPage(0)
      .node.Annots()!
      .asArray()
      .map((reference) => reloaded.context.lookup(reference, PDFDict).lookup(PDFName.of("A"), PDFDict));
    const keysOf = (dictionary: PDFDict) => dictionary.keys().map((key) => key.asString()).sort();
    expect(actions.map(keysOf)).toEqual([["/NewWindow", "/S"], ["/S"], ["/D", "/S"], ["/S"], ["/S"], ["/S", "/URI"], ["/S", "/URI"]]);
    expect(actions.slice(5).map((action) => action.lookup(PDFName.of("URI"), PDFString).decodeText())).toEqual(["https://example.org/tender-42", "mailto:procurement@example.go.th"]);
  });

  it("removes a digital signature's signer, time, place and certificate, keeping the field", async () => {
    const document = await PDFDocument.create();
    document.addPage([200, 200]);
    const { context } = document;
    const certificate = Buffer.from(`0\u0082certificate CN=${reporterName}, E=somchai@example.go.th`);
    const signature = context.register(
      context.obj({
        Type: "Sig",
        Filter: "Adobe.PPKLite",
        SubFilter: "adbe.pkcs7.detached",
        Name: PDFString.of(reporterName),
        M: PDFString.of("D:20260301141233+07'00'"),
        Location: PDFString.of("Nakhon Ratchasima office"),
        Reason: PDFString.of("I am the author"),
        ContactInfo: PDFString.of("081-234-5678"),
        ByteRange: [0, 100, 200, 300],
        Contents: PDFHexString.of(certificate.toString("hex")),
      }),
    );
    // A timestamp signature some tools write without /Type.
    const timestamp = context.obj({ Filter: "Adobe.PPKLite", SubFilter: "ETSI.RFC3161", ByteRange: [0, 10, 20, 30], Contents: PDFHexString.of(certificate.toString("hex")) });
    const field = addAnnotation(document, { Type: "Annot", Subtype: "Widget", FT: "Sig", T: PDFString.of("Signature1"), Rect: [10, 10, 90, 40], V: signature, F: 4 });
    const stampField = addAnnotation(document, { Type: "Annot", Subtype: "Widget", FT: "Sig", T: PDFString.of("Timestamp1"), Rect: [0, 0, 0, 0], V: timestamp });
    document.catalog.set(PDFName.of("AcroForm"), context.obj({ Fields: [field, stampField], SigFlags: 3 }));
    document.catalog.set(PDFName.of("Perms"), context.obj({ DocMDP: signature }));
    const certificates = context.register(context.flateStream(certificate));
    document.catalog.set(PDFName.of("DSS"), context.obj({ Certs: [certificates] }));
    const pdf = Buffer.from(await document.save({ useObjectStreams: false }));
    expect(pdf.includes(reporterName)).toBe(true);

    const result = await cleanAttachment(pdf, "signed.pdf");
    if (!("cleaned" in result)) throw new Error(`expected the PDF to be cleaned, got ${result.refused}`);
    const { bytes } = result.cleaned;
    for (const trace of [reporterName, "Nakhon Ratchasima", "081-234-5678", "D:2026", certificate.toString("hex").slice(0, 24), "/DSS", "/Perms", "/ByteRange"]) {
      expect(bytes.includes(trace), trace).toBe(false);
    }
    const reloaded = await PDFDocument.load(bytes, { updateMetadata: false });
    const fields = reloaded.getForm().getFields();
    expect(fields.map((kept) => [kept.getName(), kept.acroField.dict.has(PDFName.of("V"))])).toEqual([
      ["Signature1", false],
      ["Timestamp1", false],
    ]);
  });

  it("removes the Exif from a photo stored compressed once more ([/FlateDecode /DCTDecode]), and refuses one it cannot unwrap", async () => {
    const photo = await photoWithExif();
    const wrappedPdf = async (wrap: (jpeg: Uint8Array) => Uint8Array) => {
      const document = await PDFDocument.create();
      const image = await document.embedJpg(photo);
      document.addPage([200, 200]).drawImage(image, { x: 10, y: 10, width: 40, height: 20 });
      await document.flush();
      const { context } = document;
      const embedded = context.lookup(image.ref) as PDFRawStream;
      const dictionary = embedded.dict.clone(context);
      dictionary.set(PDFName.of("Filter"), context.obj(["FlateDecode", "DCTDecode"]));
      context.assign(image.ref, PDFRawStream.of(dictionary, wrap(embedded.contents)));
      return Buffer.from(await document.save({ useObjectStreams: false }));
    };
    expect(photo.includes("PhoneMaker")).toBe(true);
    const pdf = await wrappedPdf((jpeg) => zlib.deflateSync(jpeg));

    const result = await cleanAttachment(pdf, "scan.pdf");
    if (!("cleaned" in result)) throw new Error(`expected the PDF to be cleaned, got ${result.refused}`);
    const reloaded = await PDFDocument.load(result.cleaned.bytes, { updateMetadata: false });
    const images = reloaded.getPage(0).node.Resources()!.lookup(PDFName.of("XObject"), PDFDict);
    const stored = reloaded.context.lookup(images.values()[0]);
    if (!(stored instanceof PDFRawStream)) throw new Error("expected the photo to stay a stream");
    expect(stored.dict.lookup(PDFName.of("Filter"))).toBe(PDFName.of("DCTDecode"));
    const jpeg = Buffer.from(stored.contents);
    for (const trace of ["PhoneMaker", reporterName, "Exif"]) expect(jpeg.includes(trace), trace).toBe(false);
    const metadata = await sharp(jpeg).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 40, height: 20 });
    expect(metadata.exif).toBeUndefined();

    expect(await cleanAttachment(await wrappedPdf((jpeg) => jpeg), "broken-scan.pdf")).toEqual({ refused: "unreadable" });
  });

  it("refuses a photo it cannot decode", async () => {
    const photo = await photoWithExif();
    expect(await cleanAttachment(Buffer.concat([photo.subarray(0, 200), Buffer.alloc(2000, 0x55)]), "cut.jpg")).toEqual({ refused: "unreadable" });
  });

  it("refuses programs and archives, naming each, and stores nothing when any file is refused", async () => {
    const built = services();
    const program = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]);
    const result = await prepareAttachments(built, [
      fileOf(await photoWithExif(), "photo.jpg", "image/jpeg"),
      fileOf(program, "C:\\fakepath\\invoice.pdf", "application/pdf"),
      fileOf(createZip([{ name: "evidence.txt", content: "hello" }]), "evidence.zip", "application/zip"),
    ], "as_sent");
    expect(result).toEqual({
      refused: [
        { fileName: "invoice.pdf", reason: "executable" },
        { fileName: "evidence.zip", reason: "archive" },
      ],
    });
    expect(attachmentFiles(built)).toEqual([]);
  });

  it("keeps a Word document byte for byte", async () => {
    const docx = minimalDocx("ใบเสร็จรับเงิน");
    const built = services();
    const [row] = await store(built, [fileOf(docx, "receipt.docx")]);
    expect(row?.media_type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const content = await readAttachment(built, row!);
    expect(content.bytes.equals(docx)).toBe(true);
    expect(content.fileName).toBe("receipt.docx");
  });

  it("keeps only ciphertext on disk, under a name of its own", async () => {
    const secret = "ผู้อำนวยการกองคลังรับเงินสดจากผู้รับเหมา 500,000 บาท";
    const built = services();
    const [row] = await store(built, [fileOf(secret, "บันทึกของสมชาย.txt", "text/plain")]);
    const [onDiskPath] = attachmentFiles(built);
    expect(path.relative(path.join(built.config.dataDirectory, "attachments"), onDiskPath!)).toBe(row!.storage_key);
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.bin$/);
    const onDisk = fs.readFileSync(onDiskPath!);
    expect(onDisk.subarray(0, 4).toString()).toBe("PSB1");
    expect(onDisk.includes(Buffer.from(secret))).toBe(false);
    expect(onDisk.includes(Buffer.from("สมชาย"))).toBe(false);
    expect(row!.file_name_encrypted).not.toContain("สมชาย");
    expect(fs.statSync(onDiskPath!).mode & 0o077).toBe(0);
    const content = await readAttachment(built, row!);
    expect(content).toEqual({ fileName: "บันทึกของสมชาย.txt", mediaType: "text/plain; charset=utf-8", bytes: Buffer.from(secret) });
  });

  it("detects a file altered on disk, swapped between rows, or no longer matching its hash", async () => {
    const built = services();
    const [first, second] = await store(built, [fileOf("first statement", "one.txt"), fileOf("second statement", "two.txt")]);
    await expect(readAttachment(built, { ...first!, storage_key: second!.storage_key })).rejects.toThrow(DecryptionError);
    await expect(readAttachment(built, { ...first!, content_digest: "0".repeat(64) })).rejects.toThrow(AttachmentIntegrityError);
    await expect(readAttachment(built, { ...first!, storage_key: "../../../etc/passwd" })).rejects.toThrow(InvalidStorageKeyError);

    const onDiskPath = path.join(built.config.dataDirectory, "attachments", first!.storage_key);
    const altered = fs.readFileSync(onDiskPath);
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 1;
    fs.writeFileSync(onDiskPath, altered);
    await expect(readAttachment(built, first!)).rejects.toThrow(DecryptionError);
    await expect(readAttachment(built, second!)).resolves.toMatchObject({ fileName: "two.txt" });
  });

  it("leaves no row when the caller's transaction fails, and lets the caller discard the files", async () => {
    const built = services();
    const caseId = await insertCase(built.db);
    const ready = prepared(await prepareAttachments(built, [fileOf("statement", "statement.txt"), fileOf(await photoWithExif(), "photo.jpg")], "as_sent"));
    expect(attachmentFiles(built)).toHaveLength(2);

    await expect(
      built.db.transaction().execute(async (transaction) => {
        await recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: ready, now: filedAt });
        throw new Error("the case could not be filed");
      }),
    ).rejects.toThrow("the case could not be filed");
    expect(await built.db.selectFrom("attachments").selectAll().execute()).toEqual([]);

    await discardPreparedAttachments(built, ready);
    expect(attachmentFiles(built)).toEqual([]);
    await expect(discardPreparedAttachments(built, ready)).resolves.toBeUndefined();
  });

  it("applies the limits to files that did not come through the upload collector", async () => {
    const built = services({ ATTACHMENT_MAX_FILES: "2", ATTACHMENT_MAX_FILE_MEGABYTES: "1" });
    const result = await prepareAttachments(built, [fileOf("a", "a.txt"), fileOf("b".repeat(1024 * 1024 + 1), "b.txt"), fileOf("c", "c.txt")], "as_sent");
    expect(result).toEqual({
      refused: [
        { fileName: "b.txt", reason: "too_large" },
        { fileName: "c.txt", reason: "too_many" },
      ],
    });
    expect(await prepareAttachments(built, [fileOf("", "empty.txt")], "as_sent")).toEqual({ refused: [{ fileName: "empty.txt", reason: "empty" }] });
    expect(attachmentFiles(built)).toEqual([]);
  });
});

describe("the upload collector", () => {
  const temporaryDirectories: string[] = [];
  afterEach(() => {
    for (const directory of temporaryDirectories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
  });

  function multipartRequest(form: FormData): Request {
    return new Request("http://localhost/report", { method: "POST", body: form });
  }

  /** A large file backed by a sparse file on disk, so the test itself holds none of it in memory. */
  async function largeFileOnDisk(bytes: number): Promise<Blob> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-upload-"));
    temporaryDirectories.push(directory);
    const file = path.join(directory, "video.mp4");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, bytes);
    return fs.openAsBlob(file);
  }

  it("turns away a file over the limit without holding it, and keeps the fields after it", async () => {
    const mebibyte = 1024 * 1024;
    const oversize = 128 * mebibyte;
    const form = new FormData();
    form.append("kind", "corruption_tip");
    form.append("narrative", "มีการเรียกรับเงินในการตรวจรับงาน");
    form.append("evidence", new File([], ""));
    form.append("evidence", new File(["a photo"], "photo.jpg", { type: "image/jpeg" }));
    form.append("evidence", await largeFileOnDisk(oversize), "video.mp4");
    form.append("when", "มกราคม ๒๕๖๙");
    form.append("where", "สำนักงานเขต");

    const collector = createUploadCollector({ maxFiles: 10, maxFileBytes: mebibyte, fileFieldNames: ["evidence"] });
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    }, 2);
    const parsed = await unstable_parseMultipartFormData(multipartRequest(form), collector.uploadHandler).finally(() => clearInterval(sampler));

    expect(collector.problems()).toEqual([{ field: "evidence", fileName: "video.mp4", reason: "too_large" }]);
    expect(parsed.get("narrative")).toBe("มีการเรียกรับเงินในการตรวจรับงาน");
    expect(parsed.get("when")).toBe("มกราคม ๒๕๖๙");
    expect(parsed.get("where")).toBe("สำนักงานเขต");
    const files = parsed.getAll("evidence") as File[];
    expect(files.map((file) => [file.name, file.size, file.type])).toEqual([["photo.jpg", 7, "image/jpeg"]]);
    // Holding the 128 MiB file would push the peak past it; streaming garbage stays far below.
    expect(peak).toBeLessThan(oversize / 2);
  });

  it("turns away the eleventh file and keeps the first ten", async () => {
    const form = new FormData();
    form.append("narrative", "before");
    for (let index = 1; index <= 11; index += 1) form.append("evidence", new File([`page ${index}`], `page-${index}.txt`, { type: "text/plain" }));
    form.append("contact", "after");
    const collector = createUploadCollector({ maxFiles: 10, maxFileBytes: 1024, fileFieldNames: ["evidence"] });
    const parsed = await unstable_parseMultipartFormData(multipartRequest(form), collector.uploadHandler);
    expect((parsed.getAll("evidence") as File[]).map((file) => file.name)).toEqual(Array.from({ length: 10 }, (_, index) => `page-${index + 1}.txt`));
    expect(collector.problems()).toEqual([{ field: "evidence", fileName: "page-11.txt", reason: "too_many" }]);
    expect(parsed.get("contact")).toBe("after");
  });

  it("keeps the start of a text field over its cap, cut between characters", async () => {
    const form = new FormData();
    form.append("narrative", "กขคงจ"); // 15 bytes in UTF-8
    form.append("contact", "after");
    const collector = createUploadCollector({ maxFiles: 10, maxFileBytes: 1024, fileFieldNames: ["evidence"], maxTextFieldBytes: 8 });
    const parsed = await unstable_parseMultipartFormData(multipartRequest(form), collector.uploadHandler);
    expect(parsed.get("narrative")).toBe("กข");
    expect(parsed.get("contact")).toBe("after");
    expect(collector.problems()).toEqual([{ field: "narrative", reason: "text_too_long" }]);
  });

  it("ignores files sent in fields that do not take files, and fields past the cap", async () => {
    const form = new FormData();
    form.append("narrative", new File(["not a narrative"], "payload.bin"));
    form.append("contact", "first");
    form.append("extra", "second");
    form.append("evidence", new File(["evidence"], "evidence.txt"));
    const collector = createUploadCollector({ maxFiles: 10, maxFileBytes: 1024, fileFieldNames: ["evidence"], maxTextFields: 1 });
    const parsed = await unstable_parseMultipartFormData(multipartRequest(form), collector.uploadHandler);
    expect([...parsed.keys()]).toEqual(["contact", "evidence"]);
    expect(collector.problems()).toEqual([{ field: "extra", reason: "too_many_fields" }]);
  });
});
