import { PDFDocument } from "pdf-lib";

/** A small, valid PDF as a reporter would attach it (with an author, which intake must strip). */
export async function pdfEvidence(fileName = "evidence.pdf", author = "นายผู้แจ้ง ตัวอย่าง"): Promise<File> {
  const document = await PDFDocument.create();
  document.setAuthor(author);
  document.setTitle("บันทึกข้อความ");
  document.addPage([200, 200]);
  return new File([Buffer.from(await document.save({ useObjectStreams: false }))], fileName, { type: "application/pdf" });
}
