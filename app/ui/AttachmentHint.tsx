import { useTranslation } from "~/i18n/use-translation";
import { megabytesOf } from "./form-messages";

/** The limits beside a file input: how many files, how large, and which kinds are taken. */
export function AttachmentHint({ rules }: { rules: { maxFiles: number; maxFileBytes: number } }) {
  const { t, formatNumber } = useTranslation();
  return (
    <>
      <p>{t("forms.filesLimit", { maxFiles: formatNumber(rules.maxFiles), megabytes: formatNumber(megabytesOf(rules.maxFileBytes)) })}</p>
      <p>{t("forms.acceptedTypes")}</p>
    </>
  );
}
