import { Writable } from "node:stream";
import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import { normaliseEmail } from "../app/auth/email-address";
import { passwordMaximumLength, passwordMinimumLength, type PasswordProblem } from "../app/auth/password-rules";
import { createStaffUser, type StaffUserProblem } from "../app/auth/staff-users.server";
import { staffRoles, type StaffRole } from "../app/db.server";
import { runWithServices } from "./script-services";

// npm run user:create -- --email somchai@agency.go.th --name "สมชาย ใจดี" --role investigator --team integrity [--password …]
// Without --password the password is asked for twice, without echo: a password on the command line
// stays in the shell's history and shows in the process list.

const usage = `Usage: npm run user:create -- --email <address> --name "<display name>" --role <${staffRoles.join("|")}> [--team <team code>] [--password <password>]`;

const passwordProblems: Record<PasswordProblem, string> = {
  too_short: `is too short: use at least ${passwordMinimumLength} characters (a few unrelated words work well)`,
  too_long: `is too long: use at most ${passwordMaximumLength} characters`,
  too_repetitive: "repeats too few different characters",
  too_common: "is one of the passwords attackers try first",
  contains_email: "contains the account's e-mail address or part of it",
};

function describeProblem(refusal: StaffUserProblem): string {
  switch (refusal.problem) {
    case "invalid_email":
      return "The e-mail address is not valid.";
    case "invalid_display_name":
      return "The name must not be empty (at most 200 characters).";
    case "email_taken":
      return "An account with this e-mail address exists already.";
    case "unknown_team":
      return "There is no active team with this code.";
    case "team_required":
      return "This role works on its team's cases: give --team.";
    case "weak_password":
      return `The password ${passwordProblems[refusal.reason]}.`;
  }
}

/** Reads one line from the terminal without showing what is typed. */
async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, encoding: BufferEncoding, callback: () => void) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const terminal = readline.createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  try {
    const answer = terminal.question(question);
    muted = true;
    return await answer;
  } finally {
    terminal.close();
    process.stdout.write("\n");
  }
}

async function readPassword(): Promise<string | null> {
  const password = await askHidden("Password: ");
  if (!process.stdin.isTTY) return password;
  const again = await askHidden("Password again: ");
  return password === again ? password : null;
}

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, team: { type: "string" }, password: { type: "string" } },
});
const { email, name: displayName, team: teamCode } = values;
const role = values.role as StaffRole | undefined;

if (!email || !displayName || !role || !staffRoles.includes(role)) {
  console.error(usage);
  process.exitCode = 1;
} else {
  const password = values.password ?? (await readPassword());
  if (password === null) {
    console.error("The two passwords differ. Nothing was created.");
    process.exitCode = 1;
  } else {
    await runWithServices(async (services) => {
      const result = await createStaffUser(services, { email, displayName, role, teamCode: teamCode ?? null, password }, { type: "system" }, Date.now());
      if ("problem" in result) {
        console.error(`${describeProblem(result)} Nothing was created.`);
        return 1;
      }
      console.log(`Created the ${role} account ${normaliseEmail(email)} (${result.staffUserId}).`);
    });
  }
}
