import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { TextField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure, Workspace } from "./types";

export function AssignForm({
  workspace,
  failure,
  staffId,
}: {
  workspace: Workspace;
  failure: CommandFailure | undefined;
  staffId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack stack--small">
      {workspace.assignee?.id === staffId ? null : (
        <Form
          method="post"
          className="case-action"
          data-intent="assign-self"
        >
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="assigneeId" value={staffId} />
          <button type="submit" className="button button--secondary">
            {t("staffCase.actions.assign.assignToMe")}
          </button>
        </Form>
      )}
      <ActionForm
        intent="assign"
        failure={failure}
        submitLabel={t("staffCase.actions.assign.submit")}
      >
        <TextField
          field={fieldOf("assign", "assigneeId", failure)}
          label={t("staffCase.actions.assign.assigneeLabel")}
          hint={t("staffCase.actions.assign.assigneeHint")}
          autoComplete="off"
          spellCheck={false}
        />
      </ActionForm>
    </div>
  );
}
