import type { Widen } from "./widen";
import type { intakeTh } from "./intake.th";

export const intakeEn = {
  forms: {
    optional: "(optional)",
    errorPrefix: "Error:",
    errorSummaryTitle: "There is a problem",
    choosePlaceholder: "— Please choose —",
    honeypotLabel: "This field catches automated programs; please leave it empty",
    filesLimit: "Up to {maxFiles} files, at most {megabytes} MB each",
    acceptedTypes:
      "Accepted: documents (PDF, Word, Excel, PowerPoint, OpenDocument, RTF and text files), images (JPEG, PNG, GIF, WebP, TIFF, AVIF), audio and video. Not accepted: compressed archives (such as zip or rar), programs, and documents with macros.",
    categoryUnavailable: "This topic does not match the type of matter you chose, or is no longer open; please choose another topic",
    sending: "Sending, please wait…",
    pdpa: {
      heading: "Your personal data",
      introduction: "The agency collects and uses your personal data under the Personal Data Protection Act B.E. 2562 (2019) as follows.",
      purposeTerm: "Purpose",
      purpose: "To handle your matter, ask you for more information, and tell you the outcome.",
      accessTerm: "Who sees it",
      access: "Only the staff assigned to your matter. It is encrypted, and every time it is opened is recorded.",
      retentionTerm: "How long we keep it",
      retention: "{years} years after the matter is closed; then it is deleted or made anonymous.",
      rightsTerm: "Your rights",
      rights: "You may ask to see, correct or delete your personal data by contacting the agency with your case reference.",
    },
  },
  report: {
    title: "Report corruption",
    heading: "Report corruption",
    introduction:
      "You do not have to give your name or contact details. Your report and evidence are encrypted and read only by the investigators assigned to it. People named in your report will not handle it.",
    separateChannel: "This channel is kept separate from general complaints to protect you. For a general matter about our services, please use",
    separateChannelLink: "complaints and questions",
    safety: {
      heading: "Before you start: how to protect your identity",
      employerNetwork: "Do not report from a computer, phone or internet connection of your workplace: its administrators may be able to see what you do.",
      personalDevice: "Use a personal device and a connection that has nothing to do with your work, such as your own mobile data or public Wi-Fi.",
      metadata:
        "Files can carry hidden details, such as the author, the computer's name or where a photo was taken. We remove these from images and PDF files, but not from office documents (such as Word or Excel), audio or video: remove the author details or convert documents to PDF before attaching, and know that a phone's video or voice recording may hold where and when it was made and the phone's model. A PDF's digital signature is removed too, since it names the signer: if the signed original matters, say so in your report. If you do not give your name, your files' names are not kept either: they are stored as evidence-1, evidence-2 and so on.",
      pdfNotCleanable:
        "We cannot clean, and so do not accept, a PDF protected by a password or one with other files attached inside it. Attach those files separately, or print the PDF to a new PDF (for example with the printer “Microsoft Print to PDF” or “Save as PDF”) and attach the new file.",
      ownName: "If you want to stay anonymous, do not write your name, or anything that would tell others you are the one reporting.",
      trackingCode: "When you send your report you will get a tracking code, shown only once. Be ready to write it down and keep it somewhere safe.",
    },
    formHeading: "About what you saw",
    category: {
      label: "What is it about?",
    },
    whatHappened: {
      label: "What happened?",
      hint: "Describe it in as much detail as you can: what was done, who benefited, and how you came to know (at least 20 characters).",
    },
    whenHappened: {
      label: "When did it happen?",
      hint: "Approximate is fine, such as early March 2569, or from 2567 until now.",
    },
    whereHappened: {
      label: "Where did it happen?",
      hint: "Such as the name of an office, a unit or a place.",
    },
    peopleInvolved: {
      label: "People or units involved",
      hint: "Names, positions or units. We use this to keep those people away from handling your report.",
    },
    evidence: {
      label: "Evidence",
    },
    relation: {
      legend: "How are you related to the agency?",
      hint: "This helps investigators weigh the report; it is not used to identify you.",
    },
    contact: {
      summary: "Give contact details (optional)",
      warningTitle: "If you give contact details, the agency will know who you are",
      warning:
        "Investigators will see your name and how to reach you. These details are encrypted and never shown to the people you report. You can follow your report and answer our questions with the tracking code alone, without giving contact details.",
      giveContact: "I want to give my contact details, and I understand the agency will know who I am",
      giveContactHint: "By ticking this box you agree to the use of your contact details as set out in the personal data notice below.",
      name: "Name to contact",
      email: "E-mail",
      phone: "Telephone number",
      channelHint: "Please give an e-mail address or a telephone number, or both.",
    },
    submit: "Send report",
  },
  contact: {
    title: "Complaints, questions, suggestions and compliments",
    heading: "Make a complaint, ask, suggest or compliment",
    introduction:
      "For general matters about the agency's services. When you send your matter you will get a tracking code to follow its progress and read our answer.",
    corruptionPointer: "To report corruption or misconduct by an official, please use the",
    corruptionPointerLink: "corruption reporting channel",
    corruptionPointerReason: "which is kept separate to protect you.",
    kind: {
      legend: "What kind of matter is it?",
    },
    category: {
      label: "Topic",
      hint: "Please choose a topic from the group that matches the kind of matter you chose.",
    },
    details: {
      label: "Details",
      hint: "Please give the full details: what happened, when, where, and what you would like the agency to do (at least 10 characters).",
    },
    identity: {
      legend: "Do you want to give your name?",
      named: "Give my name and contact details",
      namedHint:
        "Our staff can reach you by e-mail or telephone. If you give an e-mail address, we will confirm that we received your matter and tell you when there is news.",
      anonymous: "Stay anonymous",
      anonymousHint:
        "You give no personal data. You follow your matter and read our answer with the tracking code only: if you lose it we cannot reach you, and some matters may be harder to look into.",
    },
    contactDetails: {
      legend: "Contact details",
      hint: "Only if you chose to give your name. Please give an e-mail address or a telephone number, or both.",
      name: "Full name",
      email: "E-mail",
      phone: "Telephone number",
    },
    consent: {
      label: "I have read the notice above and agree that the agency may collect and use my personal data as it describes",
      hint: "Required if you give your name.",
    },
    attachments: {
      label: "Attachments",
    },
    submit: "Send",
  },
  receipt: {
    title: "Sent",
    heading: "We have received your matter",
    referenceLabel: "Case reference",
    kindLabel: "Type",
    filedAtLabel: "Sent on",
    trackingCodeHeading: "Your tracking code",
    keepSafeTitle: "Write this code down now: it is shown only once",
    keepSafe:
      "We do not keep this code in a form anyone can read, so we cannot show it again or send it to you by e-mail. Once you leave this page, change the language or reload it, the code will not appear again.",
    keepPrivate: "Keep the code somewhere safe and do not share it: whoever has it can see the progress and messages of your case.",
    copy: "Copy the code",
    copied: "The code has been copied",
    copyFailed: "The code could not be copied; please write it down",
    print: "Print or save this page",
    printWithoutScript: "To print this page or save it as a PDF, use your browser's print command, for example Ctrl+P (or ⌘+P on a Mac).",
    promisesHeading: "When to expect news",
    acknowledgeBy: "We will acknowledge your matter by {date}",
    firstResponseBy: "We will answer or give you a first update by {date}",
    resolveBy: "We will finish handling it by {date}",
    noPromise: "Our staff will look at your matter as soon as possible.",
    acknowledgementEmail: "We will send a confirmation to the e-mail address you gave. That e-mail does not contain your tracking code.",
    trackHeading: "Following your case",
    trackText: "Check the status, read our answers and send more information or evidence with the tracking code above.",
    trackLink: "Go to Track a case",
  },
} as const satisfies Widen<typeof intakeTh>;
