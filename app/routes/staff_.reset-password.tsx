import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { inspectPasswordToken, resetPassword, type PasswordResetTokenProblem } from "~/auth/password-reset.server";
import type { PasswordProblem } from "~/auth/password-rules";
import type { MessageKey } from "~/i18n/translate";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, SubmitButton } from "~/ui/form-fields";
import { noIndex, PasswordField, staffFrameHandle } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * The page a reset link opens: a new password, typed twice. The token comes in the link and goes
 * back in a hidden field; the rules are checked on the server (password-rules.ts), which names
 * what is wrong with a weak one. A new colleague's invitation link opens it too, worded as a
 * first password rather than a new one.
 */

const required = { message: "validation.required" satisfies MessageKey };

const resetPasswordSchema = z
  .object({
    token: z.string(required).max(200),
    password: z.string(required).max(1000, { message: "staffAuth.resetPassword.tooLong" satisfies MessageKey }),
    confirmPassword: z.string(required).max(1000),
  })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "staffAuth.resetPassword.mismatch" satisfies MessageKey });

const weakPasswordMessages: Readonly<Record<PasswordProblem, MessageKey>> = {
  too_short: "staffAuth.resetPassword.tooShort",
  too_long: "staffAuth.resetPassword.tooLong",
  too_repetitive: "staffAuth.resetPassword.tooRepetitive",
  too_common: "staffAuth.resetPassword.tooCommon",
  contains_email: "staffAuth.resetPassword.containsEmail",
};

const tokenMessages: Readonly<Record<PasswordResetTokenProblem, MessageKey>> = {
  invalid_token: "staffAuth.resetPassword.invalidToken",
  expired_token: "staffAuth.resetPassword.expiredToken",
};

const hideFields = ["password", "confirmPassword"];

/** Outside the /staff layout, so it names its frame itself (root.tsx). */
export const handle = staffFrameHandle;

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) => {
  const t = createTranslator(localeFromMatches(matches));
  const heading = loaderData?.invitation ? "staffAuth.resetPassword.invitationHeading" : "staffAuth.resetPassword.heading";
  return [{ title: t("app.pageTitle", { page: t(heading) }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const inspected = await inspectPasswordToken(context.services.db, token, Date.now());
  return "problem" in inspected ? { token, problem: inspected.problem, invitation: false } : { token, problem: null, invitation: inspected.purpose === "invitation" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // A body that is no form (a hand-made request) is an empty form: a 400, not a 500.
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: resetPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), outcome: null }, { status: 400 });
  // Read before the token is spent: only the wording of the answer depends on it.
  const inspected = await inspectPasswordToken(context.services.db, submission.value.token, Date.now());
  const reset = await resetPassword(context.services, submission.value.token, submission.value.password, Date.now());
  if ("reset" in reset) {
    return { result: submission.reply({ resetForm: true }), outcome: "purpose" in inspected && inspected.purpose === "invitation" ? ("invitation_done" as const) : ("done" as const) };
  }
  if (reset.problem === "weak_password") {
    return data({ result: submission.reply({ fieldErrors: { password: [weakPasswordMessages[reset.reason]] }, hideFields }), outcome: null }, { status: 400 });
  }
  return data({ result: submission.reply({ hideFields }), outcome: reset.problem }, { status: 400 });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token, problem, invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "staff-reset-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });

  if (actionData?.outcome === "done" || actionData?.outcome === "invitation_done") {
    const firstPassword = actionData.outcome === "invitation_done";
    return (
      <div className="staff-auth stack stack--large">
        <div className="alert alert--success" role="status" tabIndex={-1} autoFocus>
          <h1 className="alert__title">{t(firstPassword ? "staffAuth.resetPassword.invitationDoneTitle" : "staffAuth.resetPassword.doneTitle")}</h1>
          <p>{t(firstPassword ? "staffAuth.resetPassword.invitationDone" : "staffAuth.resetPassword.done")}</p>
        </div>
        <p>
          <Link to="/staff/login" className="button">
            {t("staffAuth.resetPassword.signIn")}
          </Link>
        </p>
      </div>
    );
  }

  // After the form was sent the loader checks the token again: the action's answer is the fresher.
  const tokenProblem = actionData?.outcome ?? problem;
  if (tokenProblem) {
    return (
      <div className="staff-auth stack stack--large">
        <div className="alert alert--error" role="alert">
          <h1 className="alert__title">{t("staffAuth.resetPassword.invalidTokenTitle")}</h1>
          <p>{t(tokenMessages[tokenProblem])}</p>
        </div>
        <p>
          <Link to="/staff/forgot-password">{t("staffAuth.resetPassword.askAgain")}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="staff-auth stack stack--large">
      <div className="page-heading">
        <h1>{t(invitation ? "staffAuth.resetPassword.invitationHeading" : "staffAuth.resetPassword.heading")}</h1>
        {invitation ? <p className="lead">{t("staffAuth.resetPassword.invitationIntroduction")}</p> : null}
        <p className={invitation ? undefined : "lead"}>{t("staffAuth.resetPassword.introduction")}</p>
      </div>
      <Form method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="staff-reset-password-errors" formErrors={form.errors} fields={[fields.password, fields.confirmPassword]} /> : null}
        <input type="hidden" name="token" value={token} />
        <PasswordField field={fields.password} label={t("staffAuth.resetPassword.newPasswordLabel")} autoComplete="new-password" />
        <PasswordField field={fields.confirmPassword} label={t("staffAuth.resetPassword.confirmPasswordLabel")} autoComplete="new-password" />
        <div className="form-actions">
          <SubmitButton label={t(invitation ? "staffAuth.resetPassword.invitationSubmit" : "staffAuth.resetPassword.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
        </div>
      </Form>
    </div>
  );
}
