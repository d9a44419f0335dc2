import { useTranslation } from "~/i18n/use-translation";
import { TextField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure, Workspace } from "./types";

/**
 * A duplicate joins the case it repeats, named by its reference. A corruption tip says beforehand
 * that it joins only another tip, rather than only after a refused try.
 */
export function MergeForm({
  workspace,
  failure,
}: {
  workspace: Workspace;
  failure: CommandFailure | undefined;
}) {
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
        hint={
          workspace.kind === "corruption_tip"
            ? t("staffCase.actions.merge.tipHint")
            : t("staffCase.actions.merge.hint")
        }
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
      />
    </ActionForm>
  );
}
