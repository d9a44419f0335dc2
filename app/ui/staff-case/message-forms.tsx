import { useTranslation } from "~/i18n/use-translation";
import { TextareaField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure } from "./types";

/* The commands that are a text: a message to the reporter or a note, and a reason for stepping back or rejecting. */

export function MessageForm({
  command,
  failure,
}: {
  command: "ask_reporter" | "reply" | "internal_note";
  failure: CommandFailure | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent={command}
      failure={failure}
      submitLabel={t(`staffCase.actions.${command}.submit`)}
    >
      <TextareaField
        field={fieldOf(command, "message", failure)}
        label={t(`staffCase.actions.${command}.label`)}
        hint={t(`staffCase.actions.${command}.hint`)}
        rows={5}
      />
    </ActionForm>
  );
}

export function ReasonForm({
  command,
  failure,
}: {
  command: "reject" | "declare_conflict" | "escalate";
  failure: CommandFailure | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent={command}
      failure={failure}
      submitLabel={t(`staffCase.actions.${command}.submit`)}
      variant="secondary"
    >
      <TextareaField
        field={fieldOf(command, "reason", failure)}
        label={t(`staffCase.actions.${command}.label`)}
        hint={t(`staffCase.actions.${command}.hint`)}
        rows={4}
      />
    </ActionForm>
  );
}
