import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { alertEventTypes, type AlertEventType } from "~/alerts/alert-event-types";
import { createWebhook, deleteWebhook, listWebhooks, recentWebhookDeliveries, sendWebhookTestEvent, setWebhookActive } from "~/alerts/webhooks.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { ErrorSummary, FieldErrors, SubmitButton, TextField, type FormField } from "~/ui/form-fields";
import { noIndex } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * Webhooks as the admin manages them (permission admin.webhooks): the list, a form to register one
 * (its secret is shown once, in the answer to that POST, and never again), enable/disable, delete,
 * a test event, and the recent deliveries. Every form is a plain POST with an `intent`; a change
 * other than creation redirects back (303) with `?done=<intent>`.
 */

const pagePath = "/staff/admin/webhooks";
const required = { message: "validation.required" satisfies MessageKey };
const eventsRequired = { message: "staffWebhooks.problems.eventsRequired" satisfies MessageKey };

const createSchema = z.object({
  intent: z.literal("create"),
  name: z.string(required).trim().min(1, required.message).max(100, { message: "staffWebhooks.problems.nameTooLong" satisfies MessageKey }),
  url: z.string(required).trim().max(2000, { message: "staffWebhooks.problems.not_a_url" satisfies MessageKey }),
  events: z.array(z.enum(alertEventTypes), { required_error: eventsRequired.message }).min(1, eventsRequired.message),
});

const changeIntents = ["enable", "disable", "delete", "test"] as const;
type ChangeIntent = (typeof changeIntents)[number];
const changeSchema = z.object({ intent: z.enum(changeIntents), webhookId: z.string().min(1).max(64) });
const doneSchema = z.enum(changeIntents).optional().catch(undefined);

const eventLabels: Readonly<Record<string, MessageKey>> = {
  sla_breach: "staffWebhooks.events.sla_breach",
  escalation: "staffWebhooks.events.escalation",
  test: "staffWebhooks.events.test",
};

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffWebhooks.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.webhooks");
  const { services } = context;
  const [webhooks, deliveries] = await Promise.all([listWebhooks(services.db), recentWebhookDeliveries(services.db)]);
  return {
    webhooks,
    deliveries,
    lineChats: services.config.alerts.line?.targetIds.length ?? 0,
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.webhooks");
  const { services } = context;
  const formData = await readForm(request);
  const now = Date.now();

  if (formData.get("intent") === "create") {
    const submission = parseWithZod(formData, { schema: createSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), created: null, notFound: false }, { status: 400 });
    const created = await createWebhook(services, staff.user.id, submission.value, now);
    if ("problem" in created) {
      return data({ result: submission.reply({ fieldErrors: { url: [`staffWebhooks.problems.${created.problem}` satisfies MessageKey] } }), created: null, notFound: false }, { status: 400 });
    }
    return data({ result: submission.reply({ resetForm: true }), created: { name: created.webhook.name, secret: created.secret }, notFound: false }, { headers: { "Cache-Control": "no-store" } });
  }

  const change = changeSchema.safeParse(Object.fromEntries(formData));
  if (!change.success) throw new Response(null, { status: 400 });
  const { intent, webhookId } = change.data;
  const outcome = await performChange(intent, services, staff.user.id, webhookId, now);
  if (outcome === "not_found") return data({ result: undefined, created: null, notFound: true }, { status: 404 });
  return redirect(`${pagePath}?done=${intent}`, 303);
}

function performChange(intent: ChangeIntent, ...args: Parameters<typeof deleteWebhook>) {
  switch (intent) {
    case "enable":
      return setWebhookActive(args[0], args[1], args[2], true, args[3]);
    case "disable":
      return setWebhookActive(args[0], args[1], args[2], false, args[3]);
    case "delete":
      return deleteWebhook(...args);
    case "test":
      return sendWebhookTestEvent(...args);
  }
}

export default function WebhooksPage() {
  const { t, formatDateTime } = useTranslation();
  const { webhooks, deliveries, lineChats, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "webhook-create",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  const created = actionData?.created;

  return (
    <div className="stack stack--large">
      <div className="page-heading">
        <h1>{t("staffWebhooks.title")}</h1>
        <p className="lead">{t("staffWebhooks.introduction")}</p>
      </div>

      {created ? (
        <div className="alert alert--success" role="status" tabIndex={-1} autoFocus>
          <h2 className="alert__title">{t("staffWebhooks.secret.heading", { name: created.name })}</h2>
          <p>{t("staffWebhooks.secret.explanation")}</p>
          <p className="totp-secret">
            <span className="totp-secret__label">{t("staffWebhooks.secret.label")}</span> <code className="totp-secret__value" data-webhook-secret>{created.secret}</code>
          </p>
        </div>
      ) : null}
      {done ? (
        <div className="alert alert--success" role="status">
          <p>{t(`staffWebhooks.done.${done}`)}</p>
        </div>
      ) : null}
      {actionData?.notFound ? (
        <div className="alert alert--error" role="alert">
          <p>{t("staffWebhooks.problems.notFound")}</p>
        </div>
      ) : null}

      <section className="stack" aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">{t("staffWebhooks.list.heading")}</h2>
        {webhooks.length === 0 ? (
          <p>{t("staffWebhooks.list.empty")}</p>
        ) : (
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("staffWebhooks.list.name")}</th>
                  <th scope="col">{t("staffWebhooks.list.url")}</th>
                  <th scope="col">{t("staffWebhooks.list.events")}</th>
                  <th scope="col">{t("staffWebhooks.list.status")}</th>
                  <th scope="col">{t("staffWebhooks.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {webhooks.map((webhook) => (
                  <tr key={webhook.id}>
                    <th scope="row">
                      {webhook.name}
                      <br />
                      <small>{t("staffWebhooks.list.createdAt", { dateTime: formatDateTime(webhook.createdAt, "short") })}</small>
                    </th>
                    <td>
                      <code>{webhook.url}</code>
                    </td>
                    <td>{webhook.events.map((event) => t(eventLabels[event]!)).join(", ")}</td>
                    <td>{webhook.isActive ? t("staffWebhooks.list.active") : t("staffWebhooks.list.disabled")}</td>
                    <td>
                      <ChangeButton webhookId={webhook.id} intent={webhook.isActive ? "disable" : "enable"} label={t(webhook.isActive ? "staffWebhooks.list.disable" : "staffWebhooks.list.enable")} />
                      <ChangeButton webhookId={webhook.id} intent="test" label={t("staffWebhooks.list.sendTest")} />
                      <ChangeButton webhookId={webhook.id} intent="delete" label={t("staffWebhooks.list.delete")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="webhook-create-heading">
        <h2 id="webhook-create-heading">{t("staffWebhooks.create.heading")}</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="webhook-create-errors" formErrors={form.errors} fields={[fields.name, fields.url, fields.events]} /> : null}
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.name} label={t("staffWebhooks.create.nameLabel")} hint={t("staffWebhooks.create.nameHint")} />
          <TextField field={fields.url} label={t("staffWebhooks.create.urlLabel")} hint={t("staffWebhooks.create.urlHint")} inputMode="text" spellCheck={false} autoCapitalize="off" />
          <EventChoices field={fields.events} legend={t("staffWebhooks.create.eventsLegend")} />
          <div className="form-actions">
            <SubmitButton label={t("staffWebhooks.create.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
          </div>
        </Form>
      </section>

      <section className="stack" aria-labelledby="webhook-deliveries">
        <h2 id="webhook-deliveries">{t("staffWebhooks.deliveries.heading")}</h2>
        {deliveries.length === 0 ? (
          <p>{t("staffWebhooks.deliveries.empty")}</p>
        ) : (
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("staffWebhooks.deliveries.when")}</th>
                  <th scope="col">{t("staffWebhooks.deliveries.webhook")}</th>
                  <th scope="col">{t("staffWebhooks.deliveries.event")}</th>
                  <th scope="col">{t("staffWebhooks.deliveries.status")}</th>
                  <th scope="col" className="numeric">
                    {t("staffWebhooks.deliveries.attempts")}
                  </th>
                  <th scope="col">{t("staffWebhooks.deliveries.lastError")}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((delivery) => (
                  <tr key={delivery.outboxId}>
                    <td>{formatDateTime(delivery.createdAt, "short")}</td>
                    <td>{delivery.webhookName}</td>
                    <td>{eventLabels[delivery.eventType] ? t(eventLabels[delivery.eventType]!) : delivery.eventType}</td>
                    <td>{t(`staffWebhooks.deliveries.statuses.${delivery.status}`)}</td>
                    <td className="numeric">{delivery.attempts}</td>
                    <td>{delivery.lastError ? <code>{delivery.lastError}</code> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack" aria-labelledby="line-alerts">
        <h2 id="line-alerts">{t("staffWebhooks.line.heading")}</h2>
        <p>{lineChats > 0 ? t("staffWebhooks.line.configured", { count: lineChats }) : t("staffWebhooks.line.notConfigured")}</p>
      </section>
    </div>
  );
}

function ChangeButton({ webhookId, intent, label }: { webhookId: string; intent: ChangeIntent; label: string }) {
  return (
    <Form method="post" className="webhook-action">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="webhookId" value={webhookId} />
      <button type="submit" className="button button--secondary button--small">
        {label}
      </button>
    </Form>
  );
}

/** Checkboxes sharing one name: Conform reads the ticked ones as the array `events`. */
function EventChoices({ field, legend }: { field: FormField; legend: string }) {
  const { t } = useTranslation();
  const ticked = Array.isArray(field.initialValue) ? (field.initialValue as unknown[]) : typeof field.initialValue === "string" ? [field.initialValue] : [];
  const invalid = (field.errors?.length ?? 0) > 0;
  return (
    <fieldset className={invalid ? "fieldset field--invalid" : "fieldset"} aria-describedby={invalid ? field.errorId : undefined}>
      <legend className="fieldset__legend fieldset__legend--field">{legend}</legend>
      <FieldErrors field={field} />
      <ul className="choice-list">
        {alertEventTypes.map((event: AlertEventType, index) => {
          const id = index === 0 ? field.id : `${field.id}-${event}`;
          return (
            <li key={event}>
              <label className="choice" htmlFor={id}>
                <input type="checkbox" id={id} name={field.name} value={event} defaultChecked={ticked.includes(event)} aria-invalid={invalid || undefined} />
                <span className="choice__text">
                  <span className="choice__label">{t(eventLabels[event]!)}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
