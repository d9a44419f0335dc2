import type { statisticsTh } from "./statistics.th";
import type { Widen } from "./widen";

/** The public statistics (/statistics, ITA item O29 and the general complaint statistics), in English. */
export const statisticsEn = {
  title: "Complaint statistics",
  heading: "Statistics of complaints and corruption reports",
  introduction:
    "How many matters the agency received through this service and through other channels entered into it, by month, by half year and for the whole fiscal year, for the current and the previous fiscal year, counted in Thailand time.",
  asOf: "Figures as of {dateTime}",
  printHint: "To print this page or save it as a PDF, use your browser's print command, e.g. Ctrl+P (or ⌘+P on a Mac).",
  protection: {
    heading: "Protecting the people who complain",
    belowThreshold: "Counts from 1 to {highest} are shown as “< {threshold}”, so that no complainant or whistleblower can be singled out.",
    withheld: "A cell showing “{marker}” is withheld, because publishing it would let a count below {threshold} be worked out. A total shown as a number always equals the sum of the cells it totals.",
    zero: "Zero is shown as it is; a period with no matter at all reads “No complaints”.",
  },
  fiscalYear: {
    heading: "Fiscal year {fiscalYear} BE",
    current: "The current fiscal year, up to the time above.",
    previous: "The previous fiscal year.",
  },
  periods: {
    column: "Period",
    firstHalf: "First half ({from} – {to})",
    secondHalf: "Second half ({from} – {to})",
    year: "Fiscal year {fiscalYear} BE",
  },
  cells: {
    noComplaints: "No complaints",
    notYet: "Not yet begun",
    belowThreshold: "< {threshold}",
    belowThresholdSpoken: "fewer than {threshold}",
    withheldMarker: "–",
    withheldSpoken: "withheld",
  },
  corruption: {
    heading: "Statistics of corruption and misconduct complaints",
    ita: "The information of item {code} of the Integrity and Transparency Assessment of public agencies (ITA).",
    caption: "Corruption and misconduct complaints, fiscal year {fiscalYear} BE",
    outcomesGroup: "How the completed ones ended",
    columns: {
      received: "Received",
      completed: "Completed",
      inProgress: "In progress at the end",
      substantiated: "Substantiated, wholly or in part",
      unsubstantiated: "Unsubstantiated",
      referred: "Referred to another agency",
      rejected: "Not accepted",
      otherEnding: "Ended otherwise",
    },
    definitionsHeading: "What each column counts",
    definitions: {
      received: "Corruption reports received in the period, by the time they were received.",
      completed: "Reports completed in the period, whenever received: resolved with a finding, closed, not accepted, referred to another agency or merged with another report.",
      inProgress: "Reports not completed at the end of the period (or at the time above, for a period not yet over), including reports received in earlier fiscal years.",
      outcomes: "The five outcome columns add up to the reports completed. “Ended otherwise” includes reports where action was taken or discipline imposed, reports withdrawn by the reporter and reports merged with another.",
    },
  },
  general: {
    heading: "General complaint statistics",
    introduction: "Complaints, questions, suggestions and compliments about the agency's services, by kind.",
    caption: "General complaints by kind, fiscal year {fiscalYear} BE",
    figures: {
      received: "Received",
      completed: "Completed",
      answeredOnTime: "Answered on time",
    },
    definitionsHeading: "What each column counts",
    definitions: {
      received: "Matters received in the period, by the time they were received.",
      completed: "Matters completed in the period, whenever received.",
      answeredOnTime: "Matters whose first answer fell due in the period and was given within the time published in the complaint-handling guideline.",
    },
  },
  guidelineLink: "How we handle complaints, and how long it takes",
} satisfies Widen<typeof statisticsTh>;
