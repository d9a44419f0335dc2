import type { Widen } from "./widen";
import type { staffFilingTh } from "./staff-filing.th";

/** Staff pages: filing a case on someone's behalf (phone, walk-in, letter…), in English. */
export const staffFilingEn = {
  title: "File on someone's behalf",
  heading: "File a case on someone's behalf",
  introduction:
    "For cases received by phone, in person, by letter, e-mail, LINE or social media. Record what the person said or wrote. Once filed, the tracking code is shown once, for you to pass on to them.",
  channel: {
    label: "Received through",
    hint: "How the person contacted the agency.",
  },
  receivedOn: {
    label: "Date the agency received it",
    hint: "Leave empty if received today. For a letter that arrived earlier, enter the date it was registered (at most {days} days ago): the deadlines count from that date.",
  },
  kind: {
    legend: "Kind of case",
  },
  category: {
    label: "Topic",
    hint: "Choose a topic under the kind chosen above.",
  },
  narrative: {
    label: "What the person reported",
    hint: "Record it fully as they told or wrote it, without your own opinion.",
  },
  whenHappened: {
    label: "When it happened",
  },
  whereHappened: {
    label: "Where it happened",
  },
  peopleInvolved: {
    label: "People or units involved",
    hint: "Used to keep anyone involved away from handling this case.",
  },
  evidence: {
    label: "Documents or evidence (scanned or received files)",
  },
  relation: {
    legend: "Does the person work for the agency?",
  },
  identity: {
    legend: "The reporter's identity",
    hint: "Always ask, and record what the person chooses.",
    named: "The person wants to give their name and contact details",
    anonymous: "The person wants to stay anonymous",
  },
  reporter: {
    legend: "The reporter",
    hint: "Only if the person chose to give their identity. It is stored encrypted.",
    name: "Full name",
    email: "E-mail",
    phone: "Telephone number",
  },
  consent: {
    label: "The person was given the privacy notice above and consented",
    hint: "Read or hand the notice to them first. For a letter, confirm only if the letter gives consent.",
  },
  submit: "File the case",
  validation: {
    receivedOnFormat: "Enter the date as YYYY-MM-DD (Common Era year), e.g. 2026-11-25.",
    receivedInFuture: "The date received cannot be in the future.",
    receivedTooEarly: "The date received is too far back. Check the year.",
    consentNeeded: "Confirm that the person consented, or file the case as anonymous.",
  },
  receipt: {
    handoverHeading: "Passing the tracking code on",
    handover: {
      phone: "Read the code out slowly, group by group, and ask the person to read it back.",
      walk_in: "Print this page and hand it to the person, or let them write the code down themselves.",
      letter: "Print this page and post it to the person in a sealed envelope, to the address they gave. If they gave none, do not send it.",
      email: "Reply only to the address the person wrote from, and suggest they delete the message once the code is noted.",
      line: "Send it only in a private chat with the person, never in a group.",
      social: "Send it only in a private message, never in a comment or public post.",
    },
    onceOnly: "The code is shown this once. It is not stored and cannot be shown again.",
    noCopies: "Do not keep the code yourself, take no screenshot, and never write it in the case or any other system.",
    tipConfidential: "This is a corruption tip: only the responsible team may read it. Do not discuss the case or the reporter with anyone.",
    channel: "Channel",
    receivedOn: "Date received",
    reporter: "Reporter",
    anonymous: "Anonymous",
    named: "Named",
    fileAnother: "File another case",
  },
} satisfies Widen<typeof staffFilingTh>;
