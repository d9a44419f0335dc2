import { caseTermsEn } from "./case-terms.en";
import { escalationsEn } from "./escalations.en";
import { guidelineEn } from "./guideline.en";
import { statisticsEn } from "./statistics.en";
import { reportsEn } from "./reports.en";
import { staffAdminEn } from "./staff-admin.en";
import { staffWebhooksEn } from "./staff-webhooks.en";
import { staffAuditEn } from "./staff-audit.en";
import { staffFilingEn } from "./staff-filing.en";
import { staffAuthEn } from "./staff-auth.en";
import { staffCaseEn } from "./staff-case.en";
import { staffWorkspaceEn } from "./staff-workspace.en";
import { intakeEn } from "./intake.en";
import { trackingEn } from "./tracking.en";
import type { Messages } from "./th";
import { validationEn } from "./validation.en";

/** English, second to Thai: `satisfies Messages` rejects both a missing and an unknown key. */
export const en = {
  ...caseTermsEn,
  ...intakeEn,
  tracking: trackingEn,
  validation: validationEn,
  staffAuth: staffAuthEn,
  staffWorkspace: staffWorkspaceEn,
  staffCase: staffCaseEn,
  staffAdmin: staffAdminEn,
  staffWebhooks: staffWebhooksEn,
  staffAudit: staffAuditEn,
  staffFiling: staffFilingEn,
  escalations: escalationsEn,
  guideline: guidelineEn,
  statistics: statisticsEn,
  reports: reportsEn,
  app: {
    name: "Prongsai",
    subtitle: "Complaints and corruption reporting",
    pageTitle: "{page} | Prongsai",
    description:
      "Report corruption without revealing who you are, make a complaint, ask a question, suggest or compliment, and follow your case online.",
  },
  skipLink: {
    label: "Skip to main content",
  },
  navigation: {
    label: "Main menu",
    home: "Home",
    report: "Report corruption",
    contact: "Complaints and questions",
    track: "Track a case",
  },
  language: {
    switchLabel: "Change language to",
    otherLanguageName: "ภาษาไทย",
  },
  footer: {
    privacyHeading: "Your privacy",
    privacyNote:
      "This service does not record your IP address or device details, uses no tracking cookies and loads nothing from third parties. The only cookies are those it needs to work, such as remembering the language you chose.",
    encryptionNote: "What you tell us is encrypted and can be read only by the staff assigned to your case.",
    linksLabel: "More information",
    statistics: "Complaint and corruption report statistics",
    guideline: "How we handle complaints",
  },
  home: {
    title: "Complaints and corruption reporting",
    heading: "Make a complaint, report corruption and track your case online",
    introduction:
      "Choose the channel that fits your matter. The agency will receive it, act on it and tell you the outcome through this service.",
    corruption: {
      heading: "Report corruption",
      description:
        "If you have seen corruption, bribery or misconduct by an official, please report it here. This channel is kept separate from general complaints to protect you.",
      anonymity: "You do not have to give your name or contact details.",
      confidentiality: "Your report and evidence are encrypted and read only by the investigators assigned to it.",
      followUp: "Attach evidence and follow progress with the tracking code you receive.",
      protection: "People who report in good faith are protected by law.",
      action: "Report corruption",
    },
    general: {
      heading: "Complaints, questions, suggestions and compliments",
      description:
        "For general matters about the agency's services. When you send your matter, you will receive a code to track it.",
    },
    channels: {
      complaint: {
        title: "Complaint",
        description: "Tell us about a problem with our services or the conduct of our staff.",
        action: "Make a complaint",
      },
      question: {
        title: "Question",
        description: "Ask about information or how a service works. Our staff will answer you here.",
        action: "Ask a question",
      },
      suggestion: {
        title: "Suggestion",
        description: "Share an idea or opinion to help us improve our services.",
        action: "Make a suggestion",
      },
      compliment: {
        title: "Compliment",
        description: "Thank a member of staff or tell us about a service you appreciated.",
        action: "Send a compliment",
      },
    },
    track: {
      heading: "Track a case",
      description:
        "Check the status, read the answers from our staff and send more information, using the tracking code you received when you sent your matter.",
      action: "Track your case",
    },
    serviceTime: {
      text: "The agency answers within the times published for each kind of matter.",
      link: "See the steps and the time each one takes",
    },
  },
  errors: {
    notFound: {
      title: "Page not found",
      description: "This page may have moved or may not exist. Please check the address, or go back to the home page.",
    },
    forbidden: {
      title: "You do not have access to this page",
      description: "If you believe you should, please contact the agency's system administrator.",
    },
    badRequest: {
      title: "We could not process your request",
      description: "The request was incomplete or not valid. Please go back to the previous page and try again.",
    },
    server: {
      title: "The service is temporarily unavailable",
      description: "Sorry for the inconvenience. Something went wrong on our side; please try again later.",
    },
    statusCode: "Error code {status}",
    homeLink: "Go to the home page",
  },
  formats: {
    date: "{day} {month} {year} BE",
    dateTime: "{date}, {time}",
    monthYear: "{month} {year} BE",
  },
} satisfies Messages;
