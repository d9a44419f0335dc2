import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n/translate";
import { attachmentRefusalErrors, formMessage, megabytesOf, minutesToWait, translateFormMessage, uploadProblemErrors, type UploadProblem } from "~/ui/form-messages";

const thai = createTranslator("th");
const english = createTranslator("en");
const limits = { maxFiles: 10, maxFileBytes: 20 * 1024 * 1024 };

describe("form messages", () => {
  it("travel as a bare key when they have no parameters", () => {
    expect(formMessage("validation.required")).toBe("validation.required");
    expect(formMessage("validation.required", {})).toBe("validation.required");
  });

  it("carry their parameters and read back in either language", () => {
    const message = formMessage("validation.fileTooLarge", { fileName: "scan.pdf", megabytes: 20 });
    expect(translateFormMessage(thai, message)).toBe("ไฟล์ scan.pdf มีขนาดเกิน 20 MB");
    expect(translateFormMessage(english, message)).toBe("The file scan.pdf is larger than 20 MB");
  });

  it.each([
    ["a name with ? & = and spaces", "รายงาน?ฉบับ=1 & 2.pdf"],
    ["a name with a placeholder-looking part", "{fileName}.pdf"],
    ["a Thai name", "หลักฐาน การจัดซื้อ.docx"],
  ])("keep %s intact", (_label, fileName) => {
    const message = formMessage("validation.fileRefusedEmpty", { fileName });
    expect(translateFormMessage(english, message)).toBe(`The file ${fileName} is empty`);
  });

  it("translate a plain schema message key", () => {
    expect(translateFormMessage(english, "validation.email")).toBe("Enter an e-mail address such as name@example.com");
  });
});

describe("upload problems as field errors", () => {
  it("name each file that is too large, with the limit in megabytes", () => {
    const problems: UploadProblem[] = [
      { field: "evidence", fileName: "a.mp4", reason: "too_large" },
      { field: "evidence", fileName: "b.mov", reason: "too_large" },
    ];
    const { formErrors, fieldErrors } = uploadProblemErrors(problems, limits);
    expect(formErrors).toEqual([]);
    expect(fieldErrors.evidence?.map((message) => translateFormMessage(english, message))).toEqual([
      "The file a.mp4 is larger than 20 MB",
      "The file b.mov is larger than 20 MB",
    ]);
  });

  it("say once, with the limit, that there were too many files", () => {
    const problems: UploadProblem[] = [
      { field: "evidence", fileName: "11.jpg", reason: "too_many" },
      { field: "evidence", fileName: "12.jpg", reason: "too_many" },
    ];
    const { fieldErrors } = uploadProblemErrors(problems, limits);
    expect(fieldErrors.evidence?.map((message) => translateFormMessage(thai, message))).toEqual(["แนบไฟล์ได้ไม่เกิน 10 ไฟล์ต่อครั้ง"]);
  });

  it("mark a text field that was cut as too long, and refuse a form of endless fields as a whole", () => {
    const problems: UploadProblem[] = [
      { field: "whatHappened", reason: "text_too_long" },
      { field: "x1", reason: "too_many_fields" },
      { field: "x2", reason: "too_many_fields" },
    ];
    expect(uploadProblemErrors(problems, limits)).toEqual({
      formErrors: ["validation.submissionRefused"],
      fieldErrors: { whatHappened: ["validation.tooLong"] },
    });
  });

  it("keep each field's problems under its own name", () => {
    const { fieldErrors } = uploadProblemErrors(
      [
        { field: "attachments", fileName: "a.pdf", reason: "too_large" },
        { field: "evidence", fileName: "b.pdf", reason: "too_large" },
      ],
      limits,
    );
    expect(Object.keys(fieldErrors).sort()).toEqual(["attachments", "evidence"]);
  });

  it("have nothing to say when nothing went wrong", () => {
    expect(uploadProblemErrors([], limits)).toEqual({ formErrors: [], fieldErrors: {} });
  });
});

describe("refused attachments", () => {
  it.each([
    ["executable", "The file x was refused: programs and scripts can be harmful"],
    ["archive", "The file x was refused: compressed archives (such as zip or rar) are not accepted; attach each original file instead"],
    ["unsupported", "The file x was refused: it is not a supported document, image, audio or video file"],
    ["empty", "The file x is empty"],
    ["unreadable", "The file x could not be read (it may be damaged or password-protected)"],
    [
      "pdf_embedded_files",
      "The file x was refused: it is a PDF with other files attached inside it, which we cannot clean of hidden details. Please attach those files separately, or print the PDF to a new PDF file and attach that instead",
    ],
    ["a reason added later", "The file x was refused: it is not a supported document, image, audio or video file"],
    ["too_large", "The file x is larger than 20 MB"],
    ["too_many", "You can attach at most 10 files at a time"],
  ])("explain the reason %s, naming the file", (reason, expected) => {
    const [message] = attachmentRefusalErrors([{ fileName: "x", reason }], { maxFiles: 10, maxFileBytes: 20 * 1024 * 1024 });
    expect(translateFormMessage(english, message ?? "")).toBe(expected);
  });

  it("keep one message per file, in order", () => {
    const messages = attachmentRefusalErrors([
      { fileName: "setup.exe", reason: "executable" },
      { fileName: "photos.zip", reason: "archive" },
    ], { maxFiles: 10, maxFileBytes: 1024 });
    expect(messages.map((message) => translateFormMessage(thai, message))).toEqual([
      "ไม่รับไฟล์ setup.exe เพราะเป็นโปรแกรมหรือสคริปต์ที่อาจเป็นอันตราย",
      "ไม่รับไฟล์ photos.zip เพราะเป็นไฟล์บีบอัด (เช่น zip หรือ rar) กรุณาแนบไฟล์ต้นฉบับแต่ละไฟล์แทน",
    ]);
  });
});

describe("numbers told to people", () => {
  it.each([
    [20 * 1024 * 1024, 20],
    [1024 * 1024, 1],
    [1.5 * 1024 * 1024, 1.5],
    [1_000_000, 1],
  ])("%d bytes is %d MB", (bytes, megabytes) => {
    expect(megabytesOf(bytes)).toBe(megabytes);
  });

  it.each([
    [undefined, 1],
    [0, 1],
    [1, 1],
    [60_000, 1],
    [60_001, 2],
    [15 * 60_000, 15],
  ])("a wait of %s ms reads as %d minutes", (retryAfterMs, minutes) => {
    expect(minutesToWait(retryAfterMs)).toBe(minutes);
  });
});
