import { useTranslation } from "~/i18n/use-translation";
import { SelectField, TextField } from "~/ui/form-fields";
import { ActionForm, DateField, fieldOf } from "./action-form";
import type { CommandFailure, CommandOptions } from "./types";

/** The case goes to the agency responsible for it, on the day the letter went out. */
export function ReferForm({
  options,
  failure,
}: {
  options: CommandOptions;
  failure: CommandFailure | undefined;
}) {
  const { t } = useTranslation();
  const field = (name: string) => fieldOf("refer", name, failure);
  return (
    <ActionForm
      intent="refer"
      failure={failure}
      submitLabel={t("staffCase.actions.refer.submit")}
      variant="secondary"
    >
      <SelectField
        field={field("agency")}
        label={t("staffCase.actions.refer.agencyLabel")}
        emptyLabel={t("forms.choosePlaceholder")}
      >
        {options.agencies.map((agency) => (
          <option key={agency} value={agency}>
            {t(`staffCase.agencies.${agency}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        field={field("agencyName")}
        label={t("staffCase.actions.refer.agencyNameLabel")}
        hint={t("staffCase.actions.refer.agencyNameHint")}
        optional
      />
      <DateField
        field={field("referredOn")}
        label={t("staffCase.actions.refer.referredOnLabel")}
        hint={t("staffCase.actions.refer.referredOnHint")}
      />
    </ActionForm>
  );
}
