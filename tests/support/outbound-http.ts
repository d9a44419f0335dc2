import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * msw at the edge of the system (ARCHITECTURE §12): every unit and integration test runs with
 * outbound HTTP intercepted, and a request no test expected fails the test instead of reaching
 * the network. A test plays a receiving server with `outboundHttp.use(http.post(url, handler))`.
 */
export const outboundHttp = setupServer();

beforeAll(() => outboundHttp.listen({ onUnhandledRequest: "error" }));
afterEach(() => outboundHttp.resetHandlers());
afterAll(() => outboundHttp.close());
