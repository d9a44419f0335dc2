import { PDFDocument } from "pdf-lib";
import { minimalDocx } from "./zip";

/** A small, valid PDF as a reporter would attach it (with an author, which intake must strip). */
export async function pdfEvidence(fileName = "evidence.pdf", author = "นายผู้แจ้ง ตัวอย่าง"): Promise<File> {
  const document = await PDFDocument.create();
  document.setAuthor(author);
  document.setTitle("บันทึกข้อความ");
  document.addPage([200, 200]);
  return new File([Buffer.from(await document.save({ useObjectStreams: false }))], fileName, { type: "application/pdf" });
}

/** A PDF with a Word document in its attachments list, dated, as Acrobat's "Attach file" saves it: intake must refuse it. */
export async function pdfWithAttachedFile(fileName = "evidence.pdf"): Promise<File> {
  const document = await PDFDocument.create();
  document.addPage([200, 200]);
  await document.attach(minimalDocx("บันทึกของนายผู้แจ้ง"), "บันทึก.docx", {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    creationDate: new Date(Date.UTC(2026, 2, 1, 7, 12, 33)),
    modificationDate: new Date(Date.UTC(2026, 2, 2, 9, 0, 0)),
  });
  return new File([Buffer.from(await document.save({ useObjectStreams: false }))], fileName, { type: "application/pdf" });
}
