import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { accountLockout, signIn } from "~/auth/login.server";
import { readSession } from "~/auth/sessions.server";
import { staffCookieValue, staffSessionCookie } from "~/auth/staff-request.server";
import type { MessageKey } from "~/i18n/translate";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { returnPathSchema } from "~/security/return-path";
import { ErrorSummary, SubmitButton, TextField } from "~/ui/form-fields";
import { formMessage } from "~/ui/form-messages";
import { noIndex, PasswordField, staffFrameHandle } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * Staff sign-in: e-mail and password, then the second factor where the account owes one. Every
 * refusal reads the same (login.server.ts says why); the typed e-mail stays, the password never
 * comes back.
 */

const returnToSchema = returnPathSchema("/staff");

const required = { message: "validation.required" satisfies MessageKey };

const signInSchema = z.object({
  email: z.string(required).trim().max(320, { message: "validation.tooLong" satisfies MessageKey }).email({ message: "validation.email" satisfies MessageKey }),
  password: z.string(required).max(1000, { message: "validation.tooLong" satisfies MessageKey }),
});

/** Outside the /staff layout, so it names its frame itself (root.tsx). */
export const handle = staffFrameHandle;

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAuth.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = returnToSchema.parse(url.searchParams.get("returnTo"));
  const signedIn = await readSession(context.services.db, await staffCookieValue(request, context), Date.now(), context.services.config.staffSessions);
  if (signedIn && !signedIn.secondFactorPending) throw redirect(returnTo);
  // Sent here by the code page when too many wrong codes locked the account.
  const lockedMinutes = url.searchParams.has("locked") ? Math.ceil(accountLockout.lockMs / 60_000) : null;
  return { returnTo, lockedMinutes };
}

function minutesOf(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 60_000));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientKey } = context;
  // A body that is no form (a hand-made request) is an empty form: a 400, not a 500.
  const formData = await readForm(request);
  const returnTo = returnToSchema.parse(formData.get("returnTo"));
  const submission = parseWithZod(formData, { schema: signInSchema });
  const hideFields = ["password"];
  // A refused password is emptied with JavaScript too (without it, the server never sends it back):
  // each answer keys a new, empty box.
  const answer = randomUUID();
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), answer }, { status: 400 });

  const result = await signIn(services, submission.value, clientKey, Date.now());
  if (!result.signedIn) {
    const message = result.problem === "throttled" ? formMessage("staffAuth.login.throttled", { minutes: minutesOf(result.retryAfterMs) }) : "staffAuth.login.invalidCredentials";
    return data({ result: submission.reply({ formErrors: [message], hideFields }), answer }, { status: result.problem === "throttled" ? 429 : 400 });
  }
  const cookie = await staffSessionCookie(services.config.isProduction).serialize(result.cookieValue, { expires: new Date(result.expiresAt) });
  const next = result.secondFactorPending ? `/staff/second-factor?returnTo=${encodeURIComponent(returnTo)}` : returnTo;
  return redirect(next, { status: 303, headers: { "Set-Cookie": cookie } });
}

export default function StaffLoginPage() {
  const { t } = useTranslation();
  const { returnTo, lockedMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "staff-login",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="staff-auth stack stack--large">
      <div className="page-heading">
        <h1>{t("staffAuth.login.heading")}</h1>
        <p className="lead">{t("staffAuth.login.introduction")}</p>
      </div>
      {lockedMinutes !== null && !actionData ? (
        <div className="alert alert--error" role="status">
          <p>{t("staffAuth.secondFactor.locked", { minutes: lockedMinutes })}</p>
        </div>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="staff-login-errors" formErrors={form.errors} fields={[fields.email, fields.password]} /> : null}
        <input type="hidden" name="returnTo" value={returnTo} />
        <TextField field={fields.email} label={t("staffAuth.login.emailLabel")} type="email" autoComplete="username" spellCheck={false} autoCapitalize="off" />
        <PasswordField key={actionData?.answer} field={fields.password} label={t("staffAuth.login.passwordLabel")} autoComplete="current-password" />
        <div className="form-actions">
          <SubmitButton label={t("staffAuth.login.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
        </div>
      </Form>
      <p>
        <Link to="/staff/forgot-password">{t("staffAuth.login.forgotPassword")}</Link>
      </p>
    </div>
  );
}
