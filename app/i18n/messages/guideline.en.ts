import type { guidelineTh } from "./guideline.th";
import type { Widen } from "./widen";

/** The public complaint-handling guideline (/guideline, ITA item O27), in English. */
export const guidelineEn = {
  title: "How we handle complaints",
  heading: "How we handle complaints and corruption reports",
  introduction:
    "This page explains how to make a complaint or report corruption, the steps we take, who is responsible and how long each kind of matter takes. It shows the settings this service actually applies to your case.",
  asOf: "Information as of {date}",
  printHint: "To print this page or save it as a PDF, use your browser's print command, e.g. Ctrl+P (or ⌘+P on a Mac).",
  contents: {
    label: "On this page",
  },
  channels: {
    heading: "1. How to complain",
    introduction:
      "You can make a complaint or report corruption through any of the channels below. Whichever you use, your matter enters the same system and follows the same steps and times.",
    onlineHeading: "Online, 24 hours a day",
    corruption: "Report corruption",
    corruptionDescription:
      "A channel of its own for corruption and misconduct by officials, kept apart from general complaints to protect you. You need not give your name, and you can attach evidence.",
    general: "Complaints, questions, suggestions and compliments",
    generalDescription: "For general matters about our services and the conduct of our staff. Giving your name is up to you.",
    otherHeading: "Other channels",
    otherIntroduction:
      "What you tell us through these channels is entered into the system by our staff on your behalf, who give you the case reference and a tracking code. Times are counted from the day we received it.",
    descriptions: {
      phone: "Call our staff.",
      walk_in: "Come to our office during official working hours.",
      letter: "Send us a letter by post.",
      email: "Send us an e-mail.",
      line: "Write to the agency's official LINE account.",
      social: "Write to the agency's official social media accounts.",
    },
  },
  steps: {
    heading: "2. The steps we take",
    introduction: "Every matter goes through these steps in order. With your tracking code you can see at any time which step yours has reached.",
    reporterSees: "What you see",
    clockNote: "Time allowed: see “{clock}” in section 4",
    filed: {
      title: "We receive your matter",
      description:
        "When you send your matter you receive a case reference and a tracking code at once, with the date by which we will complete each step. It goes automatically to the unit responsible for its topic.",
    },
    acknowledged: {
      title: "We acknowledge it",
      description: "The responsible officer reviews it and takes it up. If you gave an e-mail address, you receive an e-mail saying so.",
    },
    inProgress: {
      title: "We work on it and answer you",
      description: "Our staff consider it, establish the facts or fix the problem, and give you a first answer or progress report through this service.",
    },
    awaitingReporter: {
      title: "We ask you for more (if needed)",
      description:
        "If we need more information or evidence, we send you a message. While we wait for your answer the time to resolve stands still; it runs again when you reply.",
    },
    resolved: {
      title: "We tell you the outcome",
      description: "When the work is done, we tell you the outcome through this service, and by e-mail if you gave an address.",
    },
    closed: {
      title: "We close the case",
      description: "We close the case and keep the record of what was done. You can still read its messages and history with your tracking code.",
    },
    otherEndingsHeading: "When a matter ends another way",
    otherEndingsNote: "You see these statuses when you track your case, and receive an e-mail if you gave an address.",
    otherEndings: {
      rejected: "Not taken up: the matter is outside our remit, or there is not enough detail to act on.",
      referred: "Referred: the matter belongs to another agency, such as the NACC.",
      merged: "Merged: someone reported the same matter already; both are handled together.",
    },
    reopened: "If new facts come to light, we may reopen a case within {days} days of telling you the outcome or closing it.",
  },
  teams: {
    heading: "3. Who is responsible",
    introduction: "Each topic goes automatically to the unit responsible for it. Staff named in a matter are not assigned to it and cannot see it.",
    caption: "The unit responsible for each topic",
    teamColumn: "Unit",
    categoriesColumn: "Topics it handles",
    none: "No topic is open for matters at the moment.",
  },
  timeframes: {
    heading: "4. How long it takes",
    introduction: "The time we allow for each step, by kind and topic of matter.",
    caption: "Time allowed: {kind}",
    categoryColumn: "Topic",
    teamColumn: "Responsible unit",
    clockColumns: {
      acknowledge: "Acknowledged within",
      first_response: "First answer within",
      resolve: "Resolved within",
    },
    noPromise: "Not set",
    durations: {
      business_days: { one: "{amount} business day", other: "{amount} business days" },
      calendar_days: { one: "{amount} day", other: "{amount} days" },
      hours: { one: "{amount} hour", other: "{amount} hours" },
    },
    countingHeading: "How time is counted",
    start: "Every step counts from when we received your matter. When you track your case you see the date each step is due.",
    businessDays:
      "A “business day” is a Monday to Friday that is not a public holiday in the agency's holiday calendar: Saturdays, Sundays and public holidays do not count. If you send your matter on a holiday, counting starts on the next business day.",
    calendarDays: "Times given in “days” count every day in a row, weekends and public holidays included. Times given in hours count round the clock.",
    pause: "While our staff wait for more information from you, the time to resolve stands still; it runs again when you reply.",
    holidaysHeading: "Public holidays, fiscal year {fiscalYear} BE",
    holidaysIntroduction:
      "These days ({count}) are not business days. If the agency adds or removes a holiday, the due dates of open cases move with it automatically.",
    noHolidays: "The agency has not announced the public holidays of this fiscal year yet, so every Monday to Friday counts as a business day.",
    holidaysCaption: "Public holidays that are not business days",
    dateColumn: "Date",
    holidayColumn: "Holiday",
  },
  tracking: {
    heading: "5. Following your case",
    code:
      "When you send your matter you receive a tracking code, shown only once: write it down somewhere safe and do not share it. We do not keep the code in a readable form, so we cannot show it again or send it by e-mail.",
    what: "With it you can see the status, the date the next step is due and the history of your case, read our messages, reply and send more evidence, without revealing who you are.",
    reference: "The case reference (such as PS-2569-000123) names your case when you contact us, but cannot be used to open it.",
    action: "Track your case",
  },
  protection: {
    heading: "6. Anonymity and protection",
    items: {
      anonymous: "You can report without giving your name or contact details. We do not record your IP address or device details, and do not keep your tracking code in a readable form.",
      encrypted: "The details, evidence, messages and identity of the person reporting are encrypted, read only by the staff assigned, and every time they are opened is recorded.",
      recusal: "Officials or executives named in a matter, or with an interest in it, cannot see it and take no part in deciding it.",
      notices: "E-mails and alerts from the service never carry the details of a matter, anyone's identity or a tracking code.",
      law:
        "People who report in good faith are protected by the Constitution and the Organic Act on Anti-Corruption; complainants' personal data is protected by the Personal Data Protection Act B.E. 2562 (2019).",
      advice: "If you wish to stay anonymous, do not put your name or anything that identifies you in your report, your messages or the files you attach.",
    },
  },
  escalation: {
    heading: "7. Bringing matters to the executives",
    introduction: "A matter is brought to the agency's senior executives for a decision when",
    resolveBreached: "it is not resolved in time and is {days} business days past its due date;",
    resolveBreachedAtOnce: "it is not resolved in time;",
    criticalPriority: "our staff judge it the most urgent or serious;",
    seniorOfficial: "a report names an executive or senior official;",
    manual: "the responsible officer decides it should be, giving a reason.",
    routing: "If an executive is named in the matter, it goes to the audit committee instead.",
    decisions:
      "The executives may order action by a deadline, appoint a fact-finding committee, or refer the matter to the NACC or the police. You see their decision in your case's history.",
  },
  external: {
    heading: "8. Outside bodies",
    introduction: "If you are not satisfied with the outcome, or prefer not to come to us, you can complain to these bodies.",
    caption: "Outside bodies that receive complaints",
    bodyColumn: "Body",
    subjectColumn: "What they handle",
    contactColumn: "Contact",
    hotline: "Hotline {number}",
    bodies: {
      nacc: {
        name: "Office of the National Anti-Corruption Commission (NACC)",
        subject: "Corruption and unusual wealth of state officials",
      },
      pacc: {
        name: "Office of the Public Sector Anti-Corruption Commission (PACC)",
        subject: "Corruption by state officials",
      },
      ombudsman: {
        name: "Office of the Ombudsman",
        subject: "Harm from a state agency's action or failure to act",
      },
      centre1111: {
        name: "Public Service Center 1111, Office of the Permanent Secretary, Office of the Prime Minister",
        subject: "General complaints and suggestions to state agencies",
      },
    },
  },
} as const satisfies Widen<typeof guidelineTh>;
