import { caseCommandTypes, type CaseCommandType } from "~/cases/case-commands";
import { useTranslation } from "~/i18n/use-translation";
import { ActionForm } from "./action-form";
import { AssignForm } from "./assign-form";
import { MergeForm } from "./merge-form";
import { MessageForm, ReasonForm } from "./message-forms";
import { ReclassifyForm } from "./reclassify-form";
import { RecuseForm } from "./recuse-form";
import { ReferForm } from "./refer-form";
import { RefusedCommand } from "./refused-command";
import { ResolveForm } from "./resolve-form";
import { SeniorOfficialForm } from "./senior-official-form";
import type { CommandFailure, CommandOptions, Workspace } from "./types";

/*
 * The commands the officer may perform now (the service's `allowedActions`), each a small form:
 * one-press commands as a row of buttons, writing forms open, the rest folded away. A refused
 * command that is no longer among them (the case moved on meanwhile) still says why, and gives
 * back what was typed, above them.
 */

/** Commands that are one press, shown together as a row of buttons. */
const buttonCommands = new Set<CaseCommandType>([
  "acknowledge",
  "start_work",
  "close",
  "reopen",
]);
/** Writing to the reporter and noting is daily work: these forms stay open, the rest fold away. */
const openCommands = new Set<CaseCommandType>([
  "reply",
  "ask_reporter",
  "internal_note",
]);

export function CaseActions({
  workspace,
  options,
  failure,
  staffId,
}: {
  workspace: Workspace;
  options: CommandOptions;
  failure: CommandFailure | undefined;
  staffId: string;
}) {
  const { t } = useTranslation();
  const allowed = caseCommandTypes.filter((command) =>
    workspace.allowedActions.includes(command)
  );
  // A new key after each change remounts the forms, so a sent message leaves its box empty.
  const resetKey = `${workspace.updatedAt}-${workspace.timeline.length}-${
    workspace.thread.length
  }-${workspace.internalNotes?.length ?? 0}`;
  return (
    <section
      aria-labelledby="case-actions-heading"
      className="stack"
      key={resetKey}
    >
      <h2 id="case-actions-heading">{t("staffCase.actions.heading")}</h2>
      {failure && !allowed.includes(failure.intent) ? (
        <RefusedCommand failure={failure} />
      ) : null}
      {allowed.length === 0 ? (
        <p className="muted">{t("staffCase.actions.none")}</p>
      ) : null}
      {workspace.endingIsForTheSupervisor ? (
        <p className="muted" data-ending-is-for-the-supervisor>
          {t("staffCase.actions.endingIsForTheSupervisor")}
        </p>
      ) : null}
      {allowed.some((command) => buttonCommands.has(command)) ? (
        <div className="case-page__buttons">
          {allowed
            .filter((command) => buttonCommands.has(command))
            .map((command) => (
              <ActionForm
                key={command}
                intent={command}
                failure={failure}
                submitLabel={t(
                  `staffCase.actions.${command as "acknowledge"}.submit`
                )}
              />
            ))}
        </div>
      ) : null}
      {allowed
        .filter((command) => !buttonCommands.has(command))
        .map((command) => {
          const body = (
            <CommandForm
              command={command}
              workspace={workspace}
              options={options}
              failure={failure}
              staffId={staffId}
            />
          );
          const heading = t(`staffCase.actions.${command as "reply"}.heading`);
          if (openCommands.has(command)) {
            return (
              <section
                key={command}
                className="stack stack--small"
                aria-label={heading}
              >
                <h3>{heading}</h3>
                {body}
              </section>
            );
          }
          return (
            <details
              key={command}
              className="disclosure"
              open={failure?.intent === command || undefined}
            >
              <summary className="disclosure__summary">{heading}</summary>
              <div className="disclosure__body">{body}</div>
            </details>
          );
        })}
    </section>
  );
}

/** The form of one command that takes more than a press. */
function CommandForm({
  command,
  workspace,
  options,
  failure,
  staffId,
}: {
  command: CaseCommandType;
  workspace: Workspace;
  options: CommandOptions;
  failure: CommandFailure | undefined;
  staffId: string;
}) {
  const { t } = useTranslation();
  switch (command) {
    case "ask_reporter":
    case "reply":
    case "internal_note":
      return <MessageForm command={command} failure={failure} />;
    case "reject":
    case "declare_conflict":
    case "escalate":
      return <ReasonForm command={command} failure={failure} />;
    case "mark_senior_official":
      return <SeniorOfficialForm workspace={workspace} failure={failure} />;
    case "merge":
      return <MergeForm workspace={workspace} failure={failure} />;
    case "recuse_staff":
      return (
        <RecuseForm
          recusableStaff={options.recusableStaff}
          failure={failure}
        />
      );
    case "assign":
      return (
        <AssignForm
          workspace={workspace}
          assignees={options.assignees}
          failure={failure}
          staffId={staffId}
        />
      );
    case "reclassify":
      return (
        <ReclassifyForm
          workspace={workspace}
          options={options}
          failure={failure}
        />
      );
    case "refer":
      return <ReferForm options={options} failure={failure} />;
    case "resolve":
      return <ResolveForm options={options} failure={failure} />;
    case "acknowledge":
    case "start_work":
    case "close":
    case "reopen":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t(`staffCase.actions.${command}.submit`)}
        />
      );
  }
}
