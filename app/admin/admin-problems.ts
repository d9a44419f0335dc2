import type { MessageKey } from "~/i18n/translate";

/** Every refusal an admin service answers with, as the message the page shows. */
export const adminProblemMessages = {
  not_found: "staffAdmin.problems.notFound",
  own_account: "staffAdmin.problems.ownAccount",
  last_admin: "staffAdmin.problems.lastAdmin",
  unknown_team: "staffAdmin.problems.unknownTeam",
  team_required: "staffAdmin.problems.teamRequired",
  email_taken: "staffAdmin.problems.emailTaken",
  invalid_email: "staffAdmin.problems.invalidEmail",
  invalid_display_name: "staffAdmin.problems.invalidDisplayName",
  code_taken: "staffAdmin.problems.codeTaken",
  has_active_categories: "staffAdmin.problems.hasActiveCategories",
  has_active_staff: "staffAdmin.problems.hasActiveStaff",
  invalid_date: "staffAdmin.problems.invalidDate",
  already_listed: "staffAdmin.problems.alreadyListed",
} as const satisfies Record<string, MessageKey>;

export type AdminProblem = keyof typeof adminProblemMessages;
