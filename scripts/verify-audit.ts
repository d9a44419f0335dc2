import { describeChainBreak } from "../app/audit/audit-chain";
import { verifyAuditLog } from "../app/audit/audit-log.server";
import { runWithServices } from "./script-services";

await runWithServices(async ({ db }) => {
  const verification = await verifyAuditLog(db);
  if (verification.intact) {
    console.log(`Audit log intact: ${verification.entries} entries, every link verified.`);
    return 0;
  }
  console.error(`Audit log BROKEN: ${describeChainBreak(verification.chainBreak)} (${verification.entries} entries verified before it).`);
  return 1;
});
