import type { CaseCommandField, CaseCommandType } from "~/cases/case-commands";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { UnsentText } from "~/ui/unsent-text";
import { FailureAlert } from "./action-form";
import type { CommandFailure } from "./types";

/*
 * A refused command whose form the page no longer draws: the case changed while the officer was
 * writing (a colleague resolved it, say), and without JavaScript the page comes back with the case
 * as it is now, where that form is not offered. Its refusal is still said, and what the officer
 * typed comes back read-only from the refused submission, so that it can be copied.
 */

/** The fields of each command that are typed rather than chosen, each with its form's label. */
const typedFields: { readonly [Command in CaseCommandType]?: Readonly<Partial<Record<CaseCommandField<Command>, MessageKey>>> } = {
  ask_reporter: { message: "staffCase.actions.ask_reporter.label" },
  reply: { message: "staffCase.actions.reply.label" },
  internal_note: { message: "staffCase.actions.internal_note.label" },
  merge: { intoReference: "staffCase.actions.merge.label" },
  reject: { reason: "staffCase.actions.reject.label" },
  refer: { agencyName: "staffCase.actions.refer.agencyNameLabel", referredOn: "staffCase.actions.refer.referredOnLabel" },
  declare_conflict: { reason: "staffCase.actions.declare_conflict.label" },
  recuse_staff: { reason: "staffCase.actions.recuse_staff.reasonLabel" },
  escalate: { reason: "staffCase.actions.escalate.label" },
};

/** Multi-line fields get a box as tall as their form's; the others are one line. */
const multiLineFields = new Set(["message", "reason"]);

export function RefusedCommand({ failure }: { failure: CommandFailure }) {
  const { t } = useTranslation();
  const { intent, values } = failure;
  const labels: Readonly<Record<string, MessageKey | undefined>> = typedFields[intent] ?? {};
  const typed = Object.entries(labels).flatMap(([name, label]) => {
    const value = values[name];
    return label && value !== undefined && value.trim() !== "" ? [{ name, label, value }] : [];
  });
  const command = t(`staffCase.actions.${intent as "reply"}.heading`);
  // No form to show them beside: the field's issues are said with the refusal.
  const messages = [...new Set([...failure.formErrors, ...Object.values(failure.fieldErrors).flat()])];
  return (
    <section className="case-action stack stack--small" aria-label={command} data-refused-intent={intent}>
      <FailureAlert failure={failure} messages={messages}>
        <p>{t("staffCase.refused.notOffered", { command })}</p>
        {typed.length > 0 ? <p>{t("staffCase.refused.typedBelow")}</p> : null}
      </FailureAlert>
      {typed.map(({ name, label, value }) => (
        <UnsentText key={name} id={`case-${intent}-${name}-unsent`} label={t(label)} value={value} rows={multiLineFields.has(name) ? 5 : 1} />
      ))}
    </section>
  );
}
