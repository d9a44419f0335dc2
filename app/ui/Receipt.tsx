import { Link, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { ReceiptActions } from "./ReceiptActions";

/** What the filing action sends back to show once: never put in a URL, a cookie or a log. */
export interface ReceiptData {
  reference: string;
  kind: "corruption_tip" | "complaint" | "question" | "suggestion" | "compliment";
  /** Already grouped for reading: XXXXX-XXXXX-XXXXX-XXXXX. */
  trackingCode: string;
  filedAt: number;
  deadlines: { acknowledgeDueAt: number | null; firstResponseDueAt: number | null; resolveDueAt: number | null };
  /** A named reporter who gave an e-mail address is sent an acknowledgement (without the code). */
  acknowledgementEmail: boolean;
}

/**
 * A filing page's loader data after its action: a receipt replaces the form, and nothing the loader
 * read is shown beside it, so the browser does not ask for it again (the server skips it too: see
 * `receiptIssued` in app/load-context.ts).
 */
export const shouldRevalidateAfterReceipt: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  typeof actionResult === "object" && actionResult !== null && "receipt" in actionResult ? false : defaultShouldRevalidate;

const promiseKeys = [
  ["acknowledgeDueAt", "receipt.acknowledgeBy"],
  ["firstResponseDueAt", "receipt.firstResponseBy"],
  ["resolveDueAt", "receipt.resolveBy"],
] as const satisfies ReadonlyArray<readonly [keyof ReceiptData["deadlines"], MessageKey]>;

/**
 * The receipt after filing, rendered from the action's own response (not a redirect), because the
 * tracking code is shown this once. Its heading takes focus so a screen reader starts here; the
 * print stylesheet prints this and nothing else.
 */
export function Receipt({ receipt }: { receipt: ReceiptData }) {
  const { t, formatDate, formatDateTime } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const promises = promiseKeys.flatMap(([deadline, key]) => {
    const dueAt = receipt.deadlines[deadline];
    return dueAt === null ? [] : [{ key, date: formatDate(dueAt) }];
  });
  return (
    <section className="receipt stack" aria-labelledby="receipt-heading">
      <p className="print-only receipt__site">
        {t("app.name")} — {t("app.subtitle")}
      </p>
      <div className="page-heading">
        <h1 id="receipt-heading" ref={headingRef} tabIndex={-1} autoFocus className="receipt__heading">
          {t("receipt.heading")}
        </h1>
      </div>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("receipt.referenceLabel")}</dt>
          <dd data-case-reference={receipt.reference}>{receipt.reference}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("receipt.kindLabel")}</dt>
          <dd>{t(`kinds.${receipt.kind}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("receipt.filedAtLabel")}</dt>
          <dd>{formatDateTime(receipt.filedAt)}</dd>
        </div>
      </dl>

      <section className="panel receipt__code stack stack--small" aria-labelledby="tracking-code-heading">
        <h2 id="tracking-code-heading" className="panel__title">
          {t("receipt.trackingCodeHeading")}
        </h2>
        <p className="tracking-code" data-tracking-code={receipt.trackingCode}>
          {receipt.trackingCode}
        </p>
        <div className="alert alert--warning">
          <p className="alert__title">{t("receipt.keepSafeTitle")}</p>
          <p>{t("receipt.keepSafe")}</p>
          <p>{t("receipt.keepPrivate")}</p>
        </div>
        <ReceiptActions trackingCode={receipt.trackingCode} />
      </section>

      <section aria-labelledby="receipt-promises-heading">
        <h2 id="receipt-promises-heading">{t("receipt.promisesHeading")}</h2>
        {promises.length > 0 ? (
          <ul>
            {promises.map((promise) => (
              <li key={promise.key}>{t(promise.key, { date: promise.date })}</li>
            ))}
          </ul>
        ) : (
          <p>{t("receipt.noPromise")}</p>
        )}
        {receipt.acknowledgementEmail ? <p>{t("receipt.acknowledgementEmail")}</p> : null}
      </section>

      <section aria-labelledby="receipt-track-heading">
        <h2 id="receipt-track-heading">{t("receipt.trackHeading")}</h2>
        <p>{t("receipt.trackText")}</p>
        <p className="no-print">
          <Link to="/track" className="button">
            {t("receipt.trackLink")}
          </Link>
        </p>
      </section>
    </section>
  );
}
