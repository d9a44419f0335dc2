import { useTranslation } from "~/i18n/use-translation";
import { TextField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure } from "./types";

/** A duplicate joins the case it repeats, named by its reference. */
export function MergeForm({ failure }: { failure: CommandFailure | undefined }) {
  const { t } = useTranslation();
  return (
    <ActionForm
      intent="merge"
      failure={failure}
      submitLabel={t("staffCase.actions.merge.submit")}
      variant="secondary"
    >
      <TextField
        field={fieldOf("merge", "intoReference", failure)}
        label={t("staffCase.actions.merge.label")}
        hint={t("staffCase.actions.merge.hint")}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
      />
    </ActionForm>
  );
}
