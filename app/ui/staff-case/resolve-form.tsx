import { useTranslation } from "~/i18n/use-translation";
import { SelectField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure, CommandOptions } from "./types";

export function ResolveForm({
  options,
  failure,
}: {
  options: CommandOptions;
  failure: CommandFailure | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="resolve"
      failure={failure}
      submitLabel={t("staffCase.actions.resolve.submit")}
    >
      <SelectField
        field={fieldOf("resolve", "outcome", failure)}
        label={t("staffCase.actions.resolve.outcomeLabel")}
        emptyLabel={t("forms.choosePlaceholder")}
      >
        {options.outcomes.map((outcome) => (
          <option key={outcome} value={outcome}>
            {t(`staffCase.outcomes.${outcome}`)}
          </option>
        ))}
      </SelectField>
    </ActionForm>
  );
}
