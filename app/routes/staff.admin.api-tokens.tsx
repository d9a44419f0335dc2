import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { apiTokenSchema } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { issueApiToken, listApiTokens, revokeIntakeToken } from "~/admin/api-tokens.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import type { CaseChannel } from "~/db.server";
import { caseChannels } from "~/vocabulary";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice, ProblemNotice } from "~/ui/AdminNotices";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/ui/form-fields";
import { noIndex } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * /staff/admin/api-tokens: the intake API's tokens, a revoke button on each, and the form that
 * creates one. A new token is shown ONCE, in the page the creating POST answers with (never in a
 * URL, never stored in plaintext, and that answer is not cached); reloading it shows it no more.
 */

/** The public web form is its own channel; a token files from anywhere else. */
const tokenChannels = caseChannels.filter((channel): channel is Exclude<CaseChannel, "web"> => channel !== "web");
const schema = apiTokenSchema(tokenChannels);
const doneSchema = z.enum(["revoked"]).optional().catch(undefined);
const revokeSchema = z.object({ tokenId: z.string().min(1).max(100) });

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.apiTokens.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.api_tokens");
  return {
    tokens: await listApiTokens(context.services.db),
    channels: tokenChannels,
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.api_tokens");
  const formData = await readForm(request);
  const now = Date.now();

  if (formData.get("intent") === "revoke") {
    const parsed = revokeSchema.safeParse({ tokenId: formData.get("tokenId") });
    if (!parsed.success) throw new Response(null, { status: 400 });
    const revoked = await revokeIntakeToken(context.services, parsed.data.tokenId, staff.user.id, now);
    if ("revoked" in revoked) throw redirect("/staff/admin/api-tokens?done=revoked", 303);
    return data({ result: null, created: null, problem: adminProblemMessages[revoked.problem] }, { status: 409 });
  }
  if (formData.get("intent") !== "create") throw new Response(null, { status: 400 });

  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null, problem: null }, { status: 400 });
  const issued = await issueApiToken(context.services, submission.value, staff.user.id, now);
  return data(
    { result: submission.reply({ resetForm: true }), created: { name: submission.value.name, token: issued.token }, problem: null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiTokensPage() {
  const { tokens, channels, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, formatDate, formatDateTime } = useTranslation();
  const [form, fields] = useForm({
    id: "admin-create-token",
    lastResult: actionData?.result ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin">{t("staffAdmin.common.backToAdmin")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.apiTokens.heading")}</h1>
        <p className="lead">{t("staffAdmin.apiTokens.introduction")}</p>
      </div>
      {done && !actionData ? <DoneNotice message="staffAdmin.apiTokens.revoked" /> : null}
      {actionData?.problem ? <ProblemNotice message={actionData.problem} /> : null}
      {actionData?.created ? (
        <div className="alert alert--success stack" role="status" tabIndex={-1} autoFocus data-new-token>
          <p className="alert__title">{t("staffAdmin.apiTokens.createdTitle", { name: actionData.created.name })}</p>
          <p>{t("staffAdmin.apiTokens.shownOnce")}</p>
          <label className="field__label" htmlFor="new-api-token">
            {t("staffAdmin.apiTokens.tokenLabel")}
          </label>
          <input id="new-api-token" className="field__input" readOnly value={actionData.created.token} spellCheck={false} autoComplete="off" />
        </div>
      ) : null}

      {tokens.length === 0 ? (
        <p className="muted">{t("staffAdmin.apiTokens.none")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption>{t("staffAdmin.apiTokens.tableCaption", { count: tokens.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffAdmin.apiTokens.name")}</th>
                <th scope="col">{t("staffAdmin.apiTokens.channel")}</th>
                <th scope="col">{t("staffAdmin.apiTokens.createdAt")}</th>
                <th scope="col">{t("staffAdmin.apiTokens.lastUsedAt")}</th>
                <th scope="col">{t("staffAdmin.common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-api-token={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{t(`channels.${token.channel}`)}</td>
                  <td>
                    {formatDate(token.createdAt, "short")}
                    {token.createdByName ? <span className="queue-table__detail">{t("staffAdmin.apiTokens.createdBy", { name: token.createdByName })}</span> : null}
                  </td>
                  <td>{token.lastUsedAt !== null ? formatDateTime(token.lastUsedAt, "short") : <span className="muted">{t("staffAdmin.apiTokens.neverUsed")}</span>}</td>
                  <td>
                    {token.revokedAt !== null ? (
                      t("staffAdmin.apiTokens.revokedAt", { date: formatDate(token.revokedAt, "short") })
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="button button--secondary button--small">
                          {t("staffAdmin.apiTokens.revoke", { name: token.name })}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="admin-create-token-heading" className="stack">
        <h2 id="admin-create-token-heading">{t("staffAdmin.apiTokens.createHeading")}</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="admin-create-token-errors" formErrors={form.errors} fields={[fields.name, fields.channel]} /> : null}
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.name} label={t("staffAdmin.apiTokens.name")} hint={t("staffAdmin.apiTokens.nameHint")} autoComplete="off" />
          <SelectField field={fields.channel} label={t("staffAdmin.apiTokens.channel")} emptyLabel={t("staffAdmin.apiTokens.chooseChannel")}>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <SubmitButton label={t("staffAdmin.apiTokens.create")} pendingLabel={t("staffAdmin.common.saving")} pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} />
          </div>
        </Form>
      </section>
    </div>
  );
}
