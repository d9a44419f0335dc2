/**
 * The HTTP server: security headers and request log for every response, static assets, then Remix.
 * `--dev` serves through Vite with hot reload; otherwise it serves the production build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, getConfig } from "./app/config.server";
import { createLogger } from "./app/logging/logger.server";
import { requestLog } from "./app/logging/request-log.server";
import { securityHeadersMiddleware } from "./app/security/headers.server";
import { sameOriginMiddleware } from "./app/security/same-origin.server";
import { clientKeyOf } from "./app/security/throttle.server";
import { closeServices, openServices } from "./app/services.server";
import { formatDemoAccounts, prepareDatabase } from "./app/startup.server";
import { startMailDispatcher } from "./app/notify/mail-dispatcher.server";
import { startSlaSweeper } from "./app/escalation/sweep.server";
import { startOrphanFileSweeper } from "./app/attachments/orphan-files.server";
import { startRetentionPurger } from "./app/retention/retention.server";
import { startReportFolder } from "./app/reports/kept-figures.server";

async function main() {
  const development = process.argv.includes("--dev");
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const services = openServices(config, logger);
  const { demoAccounts } = await prepareDatabase(services);

  const app = express();
  app.disable("x-powered-by");
  // Which X-Forwarded-For entry is `request.ip`, the client the throttles count (TRUST_PROXY).
  app.set("trust proxy", config.trustProxy);
  app.use(requestLog(logger));
  const hmrPort = Number(process.env.HMR_PORT ?? 24678);
  app.use(securityHeadersMiddleware({ production: config.isProduction, development, hmrPort }));
  app.use(sameOriginMiddleware());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (development) {
    const vite = await import("vite").then((module) => module.createServer({ server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(express.static("build/client", { maxAge: "1h" }));
    build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
  }
  // After the static files, which keep their long-lived caching: pages may show case details, so no
  // shared cache or back-button copy may keep them.
  // no-store is the default; a route that states its own policy (/statistics publishes aggregates
  // with a short public cache, decision 0013) replaces it rather than being appended to it.
  app.use((_request, response, next) => {
    response.set("Cache-Control", "no-store");
    const append = response.append.bind(response);
    response.append = (field: string, value?: string | string[]) => (field.toLowerCase() === "cache-control" ? response.set(field, value) : append(field, value));
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: development ? "development" : "production",
      // The client address goes no further than this line: the app gets an in-memory digest of it,
      // for throttling only (app/security/throttle.server.ts).
      getLoadContext: (request, response) => ({ cspNonce: String(response.locals.cspNonce), logger, services, clientKey: clientKeyOf(request.ip) }),
    }),
  );

  const dispatcher = startMailDispatcher(services);
  const sweeper = startSlaSweeper(services);
  const orphanSweeper = startOrphanFileSweeper(services);
  const retentionPurger = startRetentionPurger(services);
  const reportFolder = startReportFolder(services);
  const server = app.listen(config.port, config.host, () => {
    const accounts = formatDemoAccounts(demoAccounts);
    if (accounts) console.log(accounts);
    console.log(`Prongsai is serving on http://localhost:${config.port} (database: ${services.dialect})`);
  });
  server.on("error", (error) => {
    logger.fatal({ err: error }, "cannot listen");
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    dispatcher.stop();
    sweeper.stop();
    orphanSweeper.stop();
    retentionPurger.stop();
    reportFolder.stop();
    server.close(() => {
      void closeServices(services).finally(() => process.exit(0));
    });
    // Keep-alive connections can hold close() open; do not wait for them forever.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
