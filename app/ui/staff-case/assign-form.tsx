import { Form } from "@remix-run/react";
import type { EligibleAssignee } from "~/cases/case-actions.server";
import { nobodyHoldsTheCase } from "~/cases/case-commands";
import { useTranslation } from "~/i18n/use-translation";
import { SelectField } from "~/ui/form-fields";
import { staffRoleKeys } from "~/ui/StaffLayout";
import { ActionForm, fieldOf } from "./action-form";
import { RefusedCommand } from "./refused-command";
import type { CommandFailure, Workspace } from "./types";

/**
 * Handing the case on: a list of the officers an assignment accepts (by name and role, never by
 * id), and a one-press "take it myself" when the officer is one of them.
 */
export function AssignForm({
  workspace,
  assignees,
  failure,
  staffId,
}: {
  workspace: Workspace;
  assignees: readonly EligibleAssignee[];
  failure: CommandFailure | undefined;
  staffId: string;
}) {
  const { t } = useTranslation();
  const currentId = workspace.assignee?.id;
  const mayTakeIt =
    currentId !== staffId &&
    assignees.some((assignee) => assignee.id === staffId);
  const others = assignees.filter((assignee) => assignee.id !== currentId);
  return (
    <div className="stack stack--small">
      {mayTakeIt ? (
        <Form
          method="post"
          className="case-action"
          data-intent="assign-self"
        >
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="assigneeId" value={staffId} />
          <input type="hidden" name="expectedAssigneeId" value={currentId ?? nobodyHoldsTheCase} />
          <button type="submit" className="button button--secondary">
            {t("staffCase.actions.assign.assignToMe")}
          </button>
        </Form>
      ) : null}
      {others.length === 0 ? (
        <>
          {failure?.intent === "assign" ? (
            <RefusedCommand failure={failure} />
          ) : null}
          <p className="muted" data-no-assignees>
            {t("staffCase.actions.assign.noneEligible")}
          </p>
        </>
      ) : (
        <ActionForm
          intent="assign"
          failure={failure}
          submitLabel={t("staffCase.actions.assign.submit")}
        >
          {/* Whom this page showed holding the case: if someone assigns it meanwhile, this one is refused. */}
          <input type="hidden" name="expectedAssigneeId" value={currentId ?? nobodyHoldsTheCase} />
          <SelectField
            field={fieldOf("assign", "assigneeId", failure)}
            label={t("staffCase.actions.assign.assigneeLabel")}
            hint={t("staffCase.actions.assign.assigneeHint")}
            emptyLabel={t("forms.choosePlaceholder")}
          >
            {others.map((assignee) => (
              <option key={assignee.id} value={assignee.id}>
                {t("staffCase.actions.assign.assigneeOption", {
                  name: assignee.displayName,
                  role: t(staffRoleKeys[assignee.role]),
                })}
              </option>
            ))}
          </SelectField>
        </ActionForm>
      )}
    </div>
  );
}
