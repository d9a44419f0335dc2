import type { Widen } from "./widen";
import type { validationTh } from "./validation.th";

export const validationEn = {
  required: "Please fill in this field",
  chooseOne: "Please choose one",
  chooseCategory: "Please choose what the matter is about",
  describeMore: "Please describe it in more detail so our staff can act on it",
  tooLong: "This is longer than allowed; please shorten it",
  email: "Enter an e-mail address such as name@example.com",
  phone: "Enter a telephone number such as 081 234 5678",
  contactNeeded: "Please give an e-mail address or a telephone number",
  consentNeeded: "Please agree to the use of your personal data for handling your matter, or choose to stay anonymous",
  trackingCodeMalformed: "A tracking code has 20 letters and digits, such as K7QF3-MZD88-XRWN2-C5HJ7",
  trackingCodeMistyped: "This code seems to have a typing mistake; please compare it with the code you wrote down",
  trackingCodeUnknown: "No case matches this code; please check it again",
  throttled: "Too many attempts from you; please wait about {minutes} minutes and try again",
  fileTooLarge: "The file {fileName} is larger than {megabytes} MB",
  tooManyFiles: "You can attach at most {count} files at a time",
  fileRefusedExecutable: "The file {fileName} was refused: programs and scripts can be harmful",
  fileRefusedArchive: "The file {fileName} was refused: compressed archives (such as zip or rar) are not accepted; attach each original file instead",
  fileRefusedUnsupported: "The file {fileName} was refused: it is not a supported document, image, audio or video file",
  fileRefusedEmpty: "The file {fileName} is empty",
  fileRefusedUnreadable: "The file {fileName} could not be read (it may be damaged or password-protected)",
  fileRefusedPdfEmbeddedFiles:
    "The file {fileName} was refused: it is a PDF with other files attached inside it, which we cannot clean of hidden details. Please attach those files separately, or print the PDF to a new PDF file and attach that instead",
  chooseFilesAgain: "For your safety, files are not kept when there is an error: please choose your attachments again",
  formHasErrors: "Please correct {count} items below",
  submissionRefused: "Your submission could not be sent; please try again",
} as const satisfies Widen<typeof validationTh>;
