import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False on the server and while React hydrates, true once the page's JavaScript runs. Controls that
 * only work with JavaScript (copy, print) render behind it, so a page without JavaScript never
 * shows a button that does nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
