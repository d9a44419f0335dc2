import { useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useHydrated } from "./use-hydrated";

type CopyStatus = "idle" | "copied" | "failed";

/**
 * Copy and print, for the receipt. Both need JavaScript, so without it neither button exists and a
 * sentence explains how to print with the browser instead.
 */
export function ReceiptActions({ trackingCode }: { trackingCode: string }) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const [copyStatus, setCopyStatus] = useState<CopyStatus>("idle");
  if (!hydrated) return <p className="no-print">{t("receipt.printWithoutScript")}</p>;
  // The Clipboard API exists only on secure pages (HTTPS or localhost).
  const canCopy = typeof navigator !== "undefined" && navigator.clipboard !== undefined;
  const copy = () => {
    navigator.clipboard.writeText(trackingCode).then(
      () => setCopyStatus("copied"),
      () => setCopyStatus("failed"),
    );
  };
  return (
    <div className="stack stack--small no-print">
      <div className="form-actions">
        {canCopy ? (
          <button type="button" className="button button--secondary" onClick={copy}>
            {t("receipt.copy")}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("receipt.print")}
        </button>
      </div>
      <p role="status" className={copyStatus === "failed" ? "field__error" : "receipt__copy-status"}>
        {copyStatus === "copied" ? t("receipt.copied") : copyStatus === "failed" ? t("receipt.copyFailed") : ""}
      </p>
    </div>
  );
}
