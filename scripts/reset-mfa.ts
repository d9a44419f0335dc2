import { parseArgs } from "node:util";
import { findStaffUserByEmail } from "../app/auth/staff-users.server";
import { resetTotp } from "../app/auth/totp.server";
import { runWithServices } from "./script-services";

// npm run user:reset-mfa -- --email somchai@agency.go.th
// For a lost or replaced phone. Check who is asking before running it: whoever holds the password
// can enrol a new authenticator at the next sign-in.
const { values } = parseArgs({ options: { email: { type: "string" } } });

if (!values.email) {
  console.error("Usage: npm run user:reset-mfa -- --email <address>");
  process.exitCode = 1;
} else {
  const email = values.email;
  await runWithServices(async (services) => {
    const account = await findStaffUserByEmail(services.db, email);
    if (!account) {
      console.error(`No account has the e-mail address ${email}.`);
      return 1;
    }
    await resetTotp(services, account.id, { type: "system" }, Date.now());
    console.log(
      account.totpEnabled
        ? `Removed the authenticator of ${account.email} and signed the account out everywhere. The owner was told by e-mail.`
        : `${account.email} had no authenticator; the account was signed out everywhere.`,
    );
  });
}
