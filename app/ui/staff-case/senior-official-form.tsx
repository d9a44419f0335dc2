import { useTranslation } from "~/i18n/use-translation";
import { RadioGroup } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure, Workspace } from "./types";

/*
 * Whether the report names a senior official: a yes/no question answered at triage. For a
 * corruption tip "yes" also sends the case to the executives (the escalation ladder's rule).
 */
export function SeniorOfficialForm({ workspace, failure }: { workspace: Workspace; failure: CommandFailure | undefined }) {
  const { t } = useTranslation();
  const field = fieldOf("mark_senior_official", "namesSeniorOfficial", failure);
  return (
    <ActionForm intent="mark_senior_official" failure={failure} submitLabel={t("staffCase.actions.mark_senior_official.submit")} variant="secondary">
      <RadioGroup
        field={{ ...field, initialValue: field.initialValue ?? (workspace.namesSeniorOfficial ? "yes" : "no") }}
        legend={t("staffCase.actions.mark_senior_official.legend")}
        hint={workspace.kind === "corruption_tip" ? t("staffCase.actions.mark_senior_official.hint") : undefined}
        options={[
          { value: "yes", label: t("staffCase.actions.mark_senior_official.yes") },
          { value: "no", label: t("staffCase.actions.mark_senior_official.no") },
        ]}
      />
    </ActionForm>
  );
}
