import type { StaffRole } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { SelectField, type FormField } from "~/ui/form-fields";
import { staffRoleKeys } from "~/ui/StaffLayout";

/** A staff account's role and team, as the invitation and the account page both ask them. */
export function RoleAndTeamFields({
  roleField,
  teamField,
  roles,
  rolesNeedingTeam,
  teams,
}: {
  roleField: FormField;
  teamField: FormField;
  roles: readonly StaffRole[];
  rolesNeedingTeam: readonly StaffRole[];
  teams: readonly { code: string; nameTh: string; nameEn: string }[];
}) {
  const { t, locale } = useTranslation();
  return (
    <>
      <SelectField field={roleField} label={t("staffAdmin.users.role")}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {t(staffRoleKeys[role])}
          </option>
        ))}
      </SelectField>
      <SelectField
        field={teamField}
        label={t("staffAdmin.common.team")}
        hint={t("staffAdmin.users.teamHint", { roles: rolesNeedingTeam.map((role) => t(staffRoleKeys[role])).join(", ") })}
        emptyLabel={t("staffAdmin.common.noTeam")}
      >
        {teams.map((team) => (
          <option key={team.code} value={team.code}>
            {locale === "th" ? team.nameTh : team.nameEn}
          </option>
        ))}
      </SelectField>
    </>
  );
}
