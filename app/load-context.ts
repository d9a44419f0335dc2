import type { Logger } from "pino";
import type { AppServices } from "./services.server";

/** What server.ts hands every loader and action besides the request. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this response (app/security/headers.server.ts). */
    cspNonce: string;
    /** The request's logger: JSON, and never an IP, user agent, query string or body. */
    logger: Logger;
    /** The database, keys and settings of this process. */
    services: AppServices;
    /** A salted, in-memory digest of the client address, for throttling; never stored or logged. */
    clientKey: string;
    /**
     * Set by a public filing action that answered with a receipt. After a document POST's action
     * Remix runs the page's loaders with this same context, and the receipt replaces the form: the
     * loader then skips what only the form shows (the categories, one statement more per filing).
     */
    receiptIssued?: boolean;
  }
}

export {};
