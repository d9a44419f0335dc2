import { createContext, useContext, type ReactNode } from "react";

/**
 * The per-request CSP nonce (app/security/headers.server.ts) reaches the <Scripts> of the root
 * route through this context; on the client it is empty, because React does not need it there.
 */
const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
