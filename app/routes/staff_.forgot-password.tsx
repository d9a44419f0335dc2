import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requestPasswordReset } from "~/auth/password-reset.server";
import type { MessageKey } from "~/i18n/translate";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, SubmitButton, TextField } from "~/ui/form-fields";
import { noIndex, staffFrameHandle } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * Asking for a reset link. The answer is the same whether or not the address has an account
 * (password-reset.server.ts), so the form tells nobody who works here.
 */

const forgotPasswordSchema = z.object({
  email: z
    .string({ message: "validation.required" satisfies MessageKey })
    .trim()
    .max(320, { message: "validation.tooLong" satisfies MessageKey })
    .email({ message: "validation.email" satisfies MessageKey }),
});

/** Outside the /staff layout, so it names its frame itself (root.tsx). */
export const handle = staffFrameHandle;

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAuth.forgotPassword.heading") }) }, noIndex];
};

export async function action({ request, context }: ActionFunctionArgs) {
  // A body that is no form (a hand-made request) is an empty form: a 400, not a 500.
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(context.services, submission.value.email, Date.now());
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "staff-forgot-password",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="staff-auth stack stack--large">
      <div className="page-heading">
        <h1>{t("staffAuth.forgotPassword.heading")}</h1>
        <p className="lead">{t("staffAuth.forgotPassword.introduction")}</p>
      </div>
      {actionData?.sent ? (
        <div className="alert alert--success" role="status" tabIndex={-1} autoFocus>
          <p className="alert__title">{t("staffAuth.forgotPassword.sentTitle")}</p>
          <p>{t("staffAuth.forgotPassword.sent")}</p>
        </div>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="staff-forgot-password-errors" formErrors={form.errors} fields={[fields.email]} /> : null}
          <TextField field={fields.email} label={t("staffAuth.forgotPassword.emailLabel")} type="email" autoComplete="username" spellCheck={false} autoCapitalize="off" />
          <div className="form-actions">
            <SubmitButton label={t("staffAuth.forgotPassword.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
          </div>
        </Form>
      )}
      <p>
        <Link to="/staff/login">{t("staffAuth.forgotPassword.backToSignIn")}</Link>
      </p>
    </div>
  );
}
