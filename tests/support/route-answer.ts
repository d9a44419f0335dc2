/** How a loader or action answered: a Response (thrown or returned), or `data()` under single fetch. */
export interface RouteAnswer {
  status: number;
  location: string | null;
  data: unknown;
}

/** Calls a route's loader or action as Remix would, and reads its answer the same way whatever form it took. */
export async function answerOf(run: () => Promise<unknown>): Promise<RouteAnswer> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location"), data: null };
    if (typeof result === "object" && result !== null && "init" in result && "data" in result) {
      const { init, data } = result as { init: { status?: number } | null; data: unknown };
      return { status: init?.status ?? 200, location: null, data };
    }
    return { status: 200, location: null, data: result };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
  }
}
