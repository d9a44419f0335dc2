/** The version of the PDPA notice a named reporter agrees to; bump it whenever the notice's text changes. */
export const privacyNoticeVersion = "pdpa-2569-1";
