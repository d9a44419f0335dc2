import { parseArgs } from "node:util";
import { caseChannels, type CaseChannel } from "../app/db.server";
import { createApiToken } from "../app/intake/api-tokens.server";
import { runWithServices } from "./script-services";

// npm run token:create -- --channel line --name "LINE Official Account"
const { values } = parseArgs({ options: { channel: { type: "string" }, name: { type: "string" } } });
const channel = values.channel as CaseChannel | undefined;

if (!channel || !caseChannels.includes(channel)) {
  console.error(`Usage: npm run token:create -- --channel <${caseChannels.join("|")}> [--name "what uses it"]`);
  process.exitCode = 1;
} else {
  await runWithServices(async ({ db }) => {
    const { id, token } = await createApiToken(db, { name: values.name ?? channel, channel }, Date.now());
    console.log(`API token ${id} for channel "${channel}". Shown once — store it in the calling system now:\n${token}`);
  });
}
