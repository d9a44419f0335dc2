/**
 * The answer's body is not read; cancelling it frees the connection. Not awaited: a stream may
 * settle its cancellation late (msw's never does), and nothing here depends on it.
 */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
