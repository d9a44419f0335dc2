import type { RecusableStaffMember } from "~/cases/case-actions.server";
import { useTranslation } from "~/i18n/use-translation";
import { SelectField, TextareaField } from "~/ui/form-fields";
import { staffRoleKeys } from "~/ui/StaffLayout";
import { ActionForm, fieldOf } from "./action-form";
import { RefusedCommand } from "./refused-command";
import type { CommandFailure } from "./types";

/**
 * The supervisor recuses a colleague from the case: whom (by name and role, from the list the
 * command accepts) and why. A plain POST like every command, so it works without JavaScript.
 */
export function RecuseForm({
  recusableStaff,
  failure,
}: {
  recusableStaff: readonly RecusableStaffMember[];
  failure: CommandFailure | undefined;
}) {
  const { t } = useTranslation();
  if (recusableStaff.length === 0) {
    return (
      <>
        {/* The one who was chosen may have left the list meanwhile: the refusal and the reason stay. */}
        {failure?.intent === "recuse_staff" ? <RefusedCommand failure={failure} /> : null}
        <p className="muted" data-no-recusable-staff>
          {t("staffCase.actions.recuse_staff.noneEligible")}
        </p>
      </>
    );
  }
  return (
    <ActionForm
      intent="recuse_staff"
      failure={failure}
      submitLabel={t("staffCase.actions.recuse_staff.submit")}
      variant="secondary"
    >
      <SelectField
        field={fieldOf("recuse_staff", "recusedStaffId", failure)}
        label={t("staffCase.actions.recuse_staff.staffLabel")}
        hint={t("staffCase.actions.recuse_staff.staffHint")}
        emptyLabel={t("forms.choosePlaceholder")}
      >
        {recusableStaff.map((member) => (
          <option key={member.id} value={member.id}>
            {t("staffCase.actions.recuse_staff.staffOption", {
              name: member.displayName,
              role: t(staffRoleKeys[member.role]),
            })}
          </option>
        ))}
      </SelectField>
      <TextareaField
        field={fieldOf("recuse_staff", "reason", failure)}
        label={t("staffCase.actions.recuse_staff.reasonLabel")}
        hint={t("staffCase.actions.recuse_staff.reasonHint")}
        rows={4}
      />
    </ActionForm>
  );
}
