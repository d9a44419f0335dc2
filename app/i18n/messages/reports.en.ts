import type { Widen } from "./widen";
import type { reportsTh } from "./reports.th";

/** Reports: the name and exact definition of every figure, its periods and ITA items, in English. */
export const reportsEn = {
  units: {
    cases: "cases",
    messages: "messages",
    businessDays: "business days",
    percent: "per cent",
  },
  values: {
    met: "On time",
    total: "Total",
    percent: "Per cent",
    count: "Count",
    median: "Median",
    percentile90: "90th percentile",
    none: "No cases",
  },
  granularities: {
    year: "By year",
    half: "By half year",
    quarter: "By quarter",
    month: "By month",
  },
  periods: {
    year: "Fiscal year {fiscalYear} BE",
    half: "Half {half} of fiscal year {fiscalYear} BE",
    quarter: "Quarter {quarter} of fiscal year {fiscalYear} BE",
    month: "{monthYear}",
  },
  ita: {
    indicator5: "Indicator {code}: handling corruption",
    indicator7: "Indicator {code}: communication",
    questionAndAnswer: "Item {code}: questions and answers (Q&A)",
    complaintGuideline: "Item {code}: complaint-handling guideline",
    corruptionStatistics: "Item {code}: corruption-complaint statistics",
    feedbackChannel: "Item {code}: channel for comments",
    corruptionChannel: "Item {code}: channel to report corruption",
  },
  breakdowns: {
    anonymity: {
      anonymous: "Anonymous",
      named: "Named",
    },
    completion: {
      substantiated: "Substantiated",
      partly_substantiated: "Partly substantiated",
      unsubstantiated: "Unsubstantiated",
      action_taken: "Action taken",
      disciplinary_action: "Disciplinary action",
      referred: "Referred elsewhere (on resolution)",
      withdrawn: "Withdrawn by the reporter",
      no_outcome: "No outcome recorded",
      referred_to_agency: "Referred to another agency",
      rejected: "Not accepted",
      merged: "Merged with another case",
    },
    agencies: {
      nacc: "NACC",
      pacc: "PACC",
      ombudsman: "Office of the Ombudsman",
      other: "Other agency",
    },
    escalationRules: {
      resolve_breached: "Resolution deadline long passed",
      critical_priority: "Critical priority",
      senior_official: "Names a senior official",
      manual: "Escalated by an officer",
      other: "Other reason",
    },
  },
  metrics: {
    received: {
      name: "Cases received",
      definition: "Cases the agency received in the period, counted by the time of receipt (Bangkok time), every kind and channel.",
    },
    receivedByKind: {
      name: "Cases received, by kind",
      definition: "Cases received in the period, by their current kind (corruption tip, complaint, question, suggestion, compliment).",
    },
    receivedByCategory: {
      name: "Cases received, by category",
      definition: "Cases received in the period, by their current category.",
    },
    receivedByChannel: {
      name: "Cases received, by channel",
      definition: "Cases received in the period, by the channel the reporter used (web, phone, LINE, letter…).",
    },
    receivedByAnonymity: {
      name: "Cases received, anonymous or named",
      definition: "Cases received in the period, split into anonymous reports and reports that give a name or contact.",
    },
    receivedByReporterRelation: {
      name: "Cases received, by reporter",
      definition: "Cases received in the period, by whether the reporter said they are staff of the agency, an outsider, or did not say.",
    },
    completed: {
      name: "Cases completed",
      definition:
        "Cases completed in the period, whenever received. A case is completed when it is resolved with an outcome, closed, not accepted, referred to another agency or merged, at the first of these times.",
    },
    completedByOutcome: {
      name: "Cases completed, by outcome",
      definition: "Cases completed in the period, by the outcome recorded (substantiated, disciplinary action…) or by how they ended (not accepted, referred, merged).",
    },
    referredByAgency: {
      name: "Cases referred, by agency",
      definition: "Cases that ended in the period by referral to another agency, by the agency that received them.",
    },
    openAtEnd: {
      name: "Cases open at the end of the period",
      definition: "Cases received before the end of the period and not completed by then (or by the time of the report, for a period not yet over), including cases received in earlier fiscal years.",
    },
    inProgressAtEnd: {
      name: "Cases in progress at the end of the period",
      definition: "Cases open at the end of the period that staff had acknowledged by then.",
    },
    overdueAtEnd: {
      name: "Cases overdue at the end of the period",
      definition:
        "Cases open at the end of the period with a deadline before the end that was not met by then. A resolution deadline stopped while awaiting the reporter does not count. Uses the deadlines as stored now.",
    },
    acknowledgedOnTime: {
      name: "Acknowledged on time",
      definition:
        "Acknowledgement deadlines settled in the period (acknowledged, or passed without acknowledgement), and how many were acknowledged at or before the deadline. Cases that ended before the deadline without needing it are left out.",
    },
    firstResponseOnTime: {
      name: "First response on time",
      definition:
        "First-response deadlines settled in the period (answered, or passed without an answer), and how many had the first response at or before the deadline. Cases that ended before the deadline without one are left out.",
    },
    resolvedOnTime: {
      name: "Resolved on time",
      definition:
        "Resolution deadlines settled in the period (completed, or passed while still open), and how many were completed at or before the deadline. The deadline moves by the time spent awaiting the reporter; cases awaiting the reporter since before their deadline are left out.",
    },
    timeToAcknowledge: {
      name: "Time to acknowledge",
      definition: "Business days from receipt to acknowledgement, for cases acknowledged in the period: median and 90th percentile.",
    },
    timeToFirstResponse: {
      name: "Time to first response",
      definition: "Business days from receipt to the first response to the reporter, for cases first answered in the period: median and 90th percentile.",
    },
    timeToResolve: {
      name: "Time to resolve",
      definition: "Business days from receipt to completion, not counting business days spent awaiting the reporter, for cases completed in the period: median and 90th percentile.",
    },
    escalations: {
      name: "Escalations to executives",
      definition: "Times a case was escalated to the executives or the audit committee in the period, by the SLA sweep or by an officer.",
    },
    escalationsByRule: {
      name: "Escalations, by reason",
      definition: "Escalations in the period, by their reason.",
    },
    executiveDecisions: {
      name: "Executive decisions",
      definition: "Escalations on which an executive or the audit committee recorded a decision in the period.",
    },
    executiveDecisionsByDecision: {
      name: "Executive decisions, by decision",
      definition: "Decisions recorded in the period, by what was ordered.",
    },
    reporterMessages: {
      name: "Messages from reporters",
      definition: "Messages reporters sent to staff through case tracking in the period, not counting the report itself.",
    },
    reporterMessagesAnswered: {
      name: "Reporter messages answered",
      definition: "Messages from reporters sent in the period, and how many staff had answered on the same case after them by the time of the report.",
    },
    timeToAnswerReporter: {
      name: "Time to answer a reporter",
      definition: "Business days from a reporter's message to the first staff message on the case after it, for messages sent in the period and answered: median and 90th percentile.",
    },
    corruptionReceived: {
      name: "Corruption complaints received",
      definition: "Corruption tips received in the period; a month with none shows zero.",
    },
    corruptionCompleted: {
      name: "Corruption complaints completed",
      definition: "Corruption tips completed in the period, as for cases completed.",
    },
    corruptionOpenAtEnd: {
      name: "Corruption complaints in progress",
      definition: "Corruption tips not completed at the end of the period.",
    },
    corruptionReceivedByChannel: {
      name: "Corruption complaints received, by channel",
      definition: "Corruption tips received in the period, by the channel the reporter used.",
    },
    questionsAnsweredOnTime: {
      name: "Questions answered on time",
      definition: "First response on time, for questions only.",
    },
    timeToAnswerQuestion: {
      name: "Time to answer a question",
      definition: "Business days to the first response, for questions only: median and 90th percentile.",
    },
  },
  view: {
    title: "Complaint statistics",
    heading: "Complaint and whistleblowing statistics",
    introduction: "Every figure is counted from case metadata (kind, category, channel, status and times), without opening any content or reporter's details. Choose a fiscal year, a period, a team and a category.",
    filters: {
      heading: "Choose a report",
      fiscalYear: "Fiscal year",
      period: "Period",
      team: "Team",
      category: "Category",
      allTeams: "All teams",
      allCategories: "All categories",
      apply: "Show report",
      clear: "Clear choices",
    },
    periodChoices: {
      year: "Whole fiscal year",
      half: "Half {half}",
      quarter: "Quarter {quarter}",
    },
    scope: "Team: {team}. Category: {category}.",
    computedAt: "Figures as at {time}.",
    futurePeriod: "This period has not begun yet, so every figure is zero.",
    nothingToMeasure: "No deadline fell due",
    chartDescription: "Bar chart. Each bar's number is written on the chart and in the table that follows.",
    mixCaption: "{figure} (the chart's data)",
    columns: {
      figure: "Figure",
      month: "Month",
      item: "Item",
      clock: "Deadline",
      median: "Median (business days)",
      percentile90: "90th percentile (business days)",
    },
    summary: {
      caption: "The period's figures at a glance",
    },
    trend: {
      heading: "Trend by month",
      description: "Cases received and completed in each month of the period. A month with none shows zero.",
      caption: "Cases received and completed, by month (the chart's data)",
    },
    sla: {
      heading: "Deadlines met",
      description: "The share of deadlines settled in the period that were met: acknowledgement, first response and completion.",
      caption: "Deadlines met and time taken (the chart's data)",
    },
    downloads: {
      heading: "Download, print and the ITA evidence pack",
      note: "The downloads are the ITA evidence pack of fiscal year {fiscalYear} BE, for the year and each month, for the team and category chosen. Headers are in Thai, and every download is recorded in the audit log.",
      xlsx: "Download Excel file (XLSX)",
      csv: "Download CSV file",
      evidence: "Open the ITA evidence pack for printing",
      print: "Print this page with the browser's print command; menus and forms are left out.",
    },
  },
  evidence: {
    title: "ITA evidence pack",
    heading: "ITA evidence pack, fiscal year {fiscalYear} BE",
    introduction: "Figures from the complaint and whistleblowing system, grouped as indicator 5, indicator 7 and the OIT complaint items ask, each for the year and by month, with how it was counted. A month with none shows zero; a dash means there was nothing to measure.",
    back: "Back to the reports",
    groups: {
      indicator5: "Indicator {code}: handling corruption (IIT)",
      indicator7: "Indicator {code}: communication (EIT)",
      oit: "Open data (OIT): complaints",
    },
    groupIntroductions: {
      indicator5: "Corruption tips received, how they were handled and ended, referrals to other agencies, escalations to executives, and the protection of reporters (anonymous reports).",
      indicator7: "Questions and messages answered within the deadline, and the channels people use to comment and to report corruption.",
      oit: "Monthly statistics of corruption complaints, and the handling times promised in the complaint-handling guideline.",
    },
    columns: {
      group: "Group",
      item: "Assessment item",
      items: "Assessment items",
      figure: "Figure",
      part: "Line",
      unit: "Unit",
      yearTotal: "Year",
      definition: "How it is counted",
    },
    about: {
      title: "Document",
      fiscalYear: "Fiscal year",
      generatedAt: "Generated",
      team: "Team",
      category: "Category",
      all: "All",
      source: "Source",
      sourceText: "Prongsai, counted from case metadata (kind, category, channel, status and times) as the cases stand on the date generated, without opening any content or reporter's details.",
    },
    sheets: {
      about: "Document",
      indicator5: "Indicator {code}",
      indicator7: "Indicator {code}",
      oit: "OIT complaints",
      definitions: "How counted",
    },
  },
} satisfies Widen<typeof reportsTh>;
