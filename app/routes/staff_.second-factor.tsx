import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import { verifySecondFactor } from "~/auth/login.server";
import { markMfaVerified, readSession, type CreatedSession } from "~/auth/sessions.server";
import { staffCookieValue, staffSessionCookie } from "~/auth/staff-request.server";
import { readTotpCode } from "~/auth/totp-code";
import { beginTotpEnrolment, confirmTotpEnrolment } from "~/auth/totp.server";
import type { MessageKey } from "~/i18n/translate";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { returnPathSchema } from "~/security/return-path";
import { ErrorSummary, SubmitButton, TextField } from "~/ui/form-fields";
import { formMessage } from "~/ui/form-messages";
import { noIndex, staffFrameHandle } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * The second step of a staff sign-in, for a session whose password was right: the code from the
 * authenticator, or — for a role that needs one and has none yet — setting one up. An enrolment is
 * stored only once its first code is right; until then its secret travels in the form.
 */

const returnToSchema = returnPathSchema("/staff");

const codeSchema = z.object({
  code: z
    .string({ message: "validation.required" satisfies MessageKey })
    .max(40, { message: "staffAuth.secondFactor.codeFormat" satisfies MessageKey })
    .refine((typed) => readTotpCode(typed) !== null, { message: "staffAuth.secondFactor.codeFormat" satisfies MessageKey }),
});

/** Outside the /staff layout, so it names its frame itself (root.tsx). */
export const handle = staffFrameHandle;

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAuth.title") }) }, noIndex];
};

function signInAgain(returnTo: string, extra = ""): Response {
  return redirect(`/staff/login?returnTo=${encodeURIComponent(returnTo)}${extra}`, 303);
}

/** On with the session's new id: the one that owed the code opens nothing any more (sessions.server.ts). */
async function redirectSignedIn(returnTo: string, session: CreatedSession, secure: boolean): Promise<Response> {
  const cookie = await staffSessionCookie(secure).serialize(session.cookieValue, { expires: new Date(session.expiresAt) });
  return redirect(returnTo, { status: 303, headers: { "Set-Cookie": cookie } });
}

interface Enrolment {
  secret: string;
  qrCodeDataUrl: string;
}

/**
 * The QR code of a secret already shown, for showing the page again after a wrong first code: a new
 * secret would not match what the person has just scanned. Same parameters as `beginTotpEnrolment`.
 */
async function enrolmentOf(secret: string, email: string): Promise<Enrolment> {
  const uri = new TOTP({ issuer: "Prongsai", label: email, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}` };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const returnTo = returnToSchema.parse(new URL(request.url).searchParams.get("returnTo"));
  const signedIn = await readSession(services.db, await staffCookieValue(request, context), Date.now(), services.config.staffSessions);
  if (!signedIn) throw signInAgain(returnTo);
  if (!signedIn.secondFactorPending) throw redirect(returnTo);
  if (signedIn.secondFactorPending === "verify") return { mode: "verify" as const, returnTo, enrolment: null };
  const enrolment = await beginTotpEnrolment(services, signedIn.user.id);
  if ("problem" in enrolment) throw signInAgain(returnTo);
  return { mode: "enrol" as const, returnTo, enrolment: { secret: enrolment.secret, qrCodeDataUrl: enrolment.qrCodeDataUrl } };
}

function minutesOf(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 60_000));
}

const problemMessages = {
  wrong_code: "staffAuth.secondFactor.wrongCode",
  replayed: "staffAuth.secondFactor.replayed",
  invalid_secret: "staffAuth.secondFactor.invalidSecret",
  already_enrolled: "staffAuth.secondFactor.alreadyEnrolled",
} as const satisfies Record<string, MessageKey>;

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientKey } = context;
  const now = Date.now();
  // A body that is no form (a hand-made request) is an empty form: a 400, not a 500.
  const formData = await readForm(request);
  const returnTo = returnToSchema.parse(formData.get("returnTo"));
  const cookieValue = await staffCookieValue(request, context);
  const signedIn = await readSession(services.db, cookieValue, now, services.config.staffSessions);
  if (!cookieValue || !signedIn) return signInAgain(returnTo);
  if (!signedIn.secondFactorPending) return redirect(returnTo, 303);

  const submission = parseWithZod(formData, { schema: codeSchema });
  const secret = String(formData.get("secret") ?? "");
  const enrolling = signedIn.secondFactorPending === "enrol";
  // The same secret again after a failure: the person has scanned it already.
  const shownEnrolment = async () => (enrolling && /^[A-Z2-7]{32}$/.test(secret) ? enrolmentOf(secret, signedIn.user.email) : null);
  if (submission.status !== "success") return data({ result: submission.reply(), enrolment: await shownEnrolment() }, { status: 400 });

  if (enrolling) {
    const enrolled = await confirmTotpEnrolment(services, signedIn.user.id, secret, submission.value.code, now);
    if ("problem" in enrolled) {
      return data({ result: submission.reply({ fieldErrors: { code: [problemMessages[enrolled.problem]] } }), enrolment: await shownEnrolment() }, { status: 400 });
    }
    const session = await markMfaVerified(services.db, cookieValue, now);
    if (!session) return signInAgain(returnTo);
    return redirectSignedIn(returnTo, session, services.config.isProduction);
  }

  const verified = await verifySecondFactor(services, cookieValue, submission.value.code, clientKey, now);
  if (verified.verified) return redirectSignedIn(returnTo, verified.session, services.config.isProduction);
  switch (verified.problem) {
    case "no_pending_sign_in":
      return signInAgain(returnTo);
    case "locked": {
      // The session has ended: the sign-in page says why, and the cookie goes too.
      const cleared = await staffSessionCookie(services.config.isProduction).serialize("", { maxAge: 0 });
      return redirect(`/staff/login?returnTo=${encodeURIComponent(returnTo)}&locked=1`, { status: 303, headers: { "Set-Cookie": cleared } });
    }
    case "throttled":
      return data(
        { result: submission.reply({ formErrors: [formMessage("staffAuth.secondFactor.throttled", { minutes: minutesOf(verified.retryAfterMs) })] }), enrolment: null },
        { status: 429 },
      );
    case "wrong_code":
    case "replayed":
      return data({ result: submission.reply({ fieldErrors: { code: [problemMessages[verified.problem]] } }), enrolment: null }, { status: 400 });
  }
}

export default function SecondFactorPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const enrolment = actionData?.enrolment ?? loaderData.enrolment;
  const enrolling = loaderData.mode === "enrol" && enrolment !== null;
  const [form, fields] = useForm({
    id: "staff-second-factor",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: codeSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  const codeField = (
    <TextField
      field={fields.code}
      label={t("staffAuth.secondFactor.codeLabel")}
      hint={t("staffAuth.secondFactor.codeHint")}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      short
      className="field__input--otp"
    />
  );

  return (
    <div className="staff-auth stack stack--large">
      <div className="page-heading">
        <h1>{enrolling ? t("staffAuth.secondFactor.enrolHeading") : t("staffAuth.secondFactor.verifyHeading")}</h1>
        <p className="lead">{enrolling ? t("staffAuth.secondFactor.enrolIntroduction") : t("staffAuth.secondFactor.verifyIntroduction")}</p>
      </div>
      <Form method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="staff-second-factor-errors" formErrors={form.errors} fields={[fields.code]} /> : null}
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        {enrolling ? (
          <>
            <input type="hidden" name="secret" value={enrolment.secret} />
            <ol className="totp-steps">
              <li>{t("staffAuth.secondFactor.enrolStepApp")}</li>
              <li>
                <p>{t("staffAuth.secondFactor.enrolStepScan")}</p>
                <img className="totp-qr" src={enrolment.qrCodeDataUrl} alt={t("staffAuth.secondFactor.qrCodeAlt")} width={200} height={200} />
                <p className="totp-secret">
                  <span className="totp-secret__label">{t("staffAuth.secondFactor.secretLabel")}</span>{" "}
                  <code className="totp-secret__value" data-totp-secret={enrolment.secret}>
                    {enrolment.secret.replace(/(.{4})(?=.)/g, "$1 ")}
                  </code>
                </p>
              </li>
              <li>
                <p>{t("staffAuth.secondFactor.enrolStepCode")}</p>
                {codeField}
              </li>
            </ol>
          </>
        ) : (
          codeField
        )}
        <div className="form-actions">
          <SubmitButton
            label={enrolling ? t("staffAuth.secondFactor.enrolSubmit") : t("staffAuth.secondFactor.submit")}
            pendingLabel={t("forms.sending")}
            pending={navigation.state === "submitting"}
          />
        </div>
      </Form>
      <p>
        <Link to={`/staff/login?returnTo=${encodeURIComponent(loaderData.returnTo)}`}>
          {t("staffAuth.secondFactor.startAgain")}
        </Link>
      </p>
    </div>
  );
}
