import { useTranslation } from "~/i18n/use-translation";
import { SelectField } from "~/ui/form-fields";
import { ActionForm, fieldOf } from "./action-form";
import type { CommandFailure, CommandOptions, Workspace } from "./types";

/** Every choice may stay as it is: only what the officer picks changes. */
export function ReclassifyForm({
  workspace,
  options,
  failure,
}: {
  workspace: Workspace;
  options: CommandOptions;
  failure: CommandFailure | undefined;
}) {
  const { t, locale } = useTranslation();
  const field = (name: string) => fieldOf("reclassify", name, failure);
  const categoryName =
    locale === "th" ? workspace.category.nameTh : workspace.category.nameEn;
  const keep = t("staffCase.actions.reclassify.keep");
  return (
    <ActionForm
      intent="reclassify"
      failure={failure}
      submitLabel={t("staffCase.actions.reclassify.submit")}
    >
      <SelectField
        field={field("kind")}
        label={t("staffCase.actions.reclassify.kindLabel")}
        hint={t("staffCase.actions.keepCurrent", {
          current: t(`kinds.${workspace.kind}`),
        })}
        emptyLabel={keep}
      >
        {options.kinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        field={field("categoryCode")}
        label={t("staffCase.actions.reclassify.categoryLabel")}
        hint={`${t("staffCase.actions.keepCurrent", {
          current: categoryName,
        })} ${t("staffCase.actions.reclassify.categoryHint")}`}
        emptyLabel={keep}
      >
        {options.kinds.map((kind) => (
          <optgroup key={kind} label={t(`kinds.${kind}`)}>
            {options.categories
              .filter((category) => category.kind === kind)
              .map((category) => (
                <option key={category.code} value={category.code}>
                  {locale === "th" ? category.nameTh : category.nameEn}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <SelectField
        field={field("priority")}
        label={t("staffCase.actions.reclassify.priorityLabel")}
        hint={t("staffCase.actions.keepCurrent", {
          current: t(`staffCase.priorities.${workspace.priority}`),
        })}
        emptyLabel={keep}
      >
        {options.priorities.map((priority) => (
          <option key={priority} value={priority}>
            {t(`staffCase.priorities.${priority}`)}
          </option>
        ))}
      </SelectField>
    </ActionForm>
  );
}
