import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { isOpen } from "~/cases/case-lifecycle";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { attachmentRules, filesIn, readSubmittedForm, type AttachmentRules } from "~/intake/intake-form.server";
import { reporterReplySchema, trackingCodeSchema } from "~/intake/intake-schema";
import { postReporterReply } from "~/messaging/messages.server";
import { formatTrackingCode, readTrackingCode } from "~/tracking/tracking-code";
import { findCaseByTrackingCode, openReporterView, type ReporterCaseView } from "~/tracking/tracking.server";
import { AttachmentHint } from "~/ui/AttachmentHint";
import { fileSizeMessage, timelineEventKey, trackingProblemMessage } from "~/ui/case-view";
import { ErrorSummary, FileField, SubmitButton, TextareaField, TextField, textValue } from "~/ui/form-fields";
import { attachmentRefusalErrors, uploadProblemErrors } from "~/ui/form-messages";
import { UnsentText } from "~/ui/unsent-text";

/*
 * The reporter's side of a case, opened with the tracking code. The code travels only in form
 * bodies (a hidden field of each form on the case page), never in a URL, cookie or log, and every
 * action checks it again: holding the code is the only authority a reporter has.
 */

const evidenceField = "evidence";
const intents = ["open", "reply", "evidence"] as const;
type Intent = (typeof intents)[number];
const intentSchema = z.enum(intents).catch("open");

type Notice = "replied" | "evidenceAdded" | "notOpen";

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("tracking.title") }) }];
};

export function loader({ context }: LoaderFunctionArgs) {
  return { attachments: attachmentRules(context.services.config) };
}

const emptySchema = z.object({});

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientKey } = context;
  const now = Date.now();
  const { formData, uploadProblems } = await readSubmittedForm(request, services.config, [evidenceField]);
  const intent: Intent = intentSchema.parse(formData.get("intent"));

  // A reply or evidence whose code no longer opens the case (throttled, mistyped in a hand-made
  // request) goes back to the code form, which keeps the typed message and sends it again.
  const unsent = intent === "reply" || intent === "evidence" ? intent : undefined;
  const lookup = parseWithZod(formData, { schema: trackingCodeSchema });
  if (lookup.status !== "success") return data({ stage: "lookup" as const, lookup: lookup.reply(), unsent }, { status: 400 });
  const found = await findCaseByTrackingCode(services, lookup.value.code, clientKey, now);
  if ("problem" in found) {
    const status = found.problem === "throttled" ? 429 : 400;
    return data({ stage: "lookup" as const, lookup: lookup.reply({ fieldErrors: { code: [trackingProblemMessage(found)] } }), unsent }, { status });
  }
  const reading = readTrackingCode(lookup.value.code);
  const code = formatTrackingCode("code" in reading ? reading.code : lookup.value.code);

  let notice: Notice | undefined;
  let reply: SubmissionResult<string[]> | undefined;
  let evidence: SubmissionResult<string[]> | undefined;
  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: reporterReplySchema });
    if (submission.status !== "success") {
      reply = submission.reply();
    } else {
      const posted = await postReporterReply(services, found.caseId, { body: submission.value.message, files: [] }, now);
      notice = "problem" in posted ? "notOpen" : "replied";
      reply = "problem" in posted ? submission.reply() : submission.reply({ resetForm: true });
    }
  } else if (intent === "evidence") {
    const submission = parseWithZod(formData, { schema: emptySchema });
    const files = filesIn(formData, evidenceField);
    const upload = uploadProblemErrors(uploadProblems, services.config.attachments);
    if (upload.formErrors.length > 0 || Object.keys(upload.fieldErrors).length > 0) {
      evidence = submission.reply({ formErrors: upload.formErrors, fieldErrors: upload.fieldErrors });
    } else if (files.length === 0) {
      evidence = submission.reply({ fieldErrors: { [evidenceField]: ["tracking.evidence.chooseFile"] } });
    } else {
      const posted = await postReporterReply(services, found.caseId, { files }, now);
      if ("posted" in posted) notice = "evidenceAdded";
      else if (posted.problem === "case_not_open") notice = "notOpen";
      else evidence = submission.reply({ fieldErrors: { [evidenceField]: attachmentRefusalErrors(posted.refusals, services.config.attachments) } });
    }
  }

  const view = await openReporterView(services, found.caseId);
  const failed = reply?.status === "error" || evidence?.status === "error" || notice === "notOpen";
  return data({ stage: "case" as const, intent, code, view, notice, reply, evidence }, { status: failed ? 400 : 200 });
}

export default function TrackPage() {
  const actionData = useActionData<typeof action>();
  if (actionData?.stage === "case") {
    return (
      <CaseView
        code={actionData.code}
        view={actionData.view}
        intent={actionData.intent}
        notice={actionData.notice}
        replyResult={actionData.reply}
        evidenceResult={actionData.evidence}
      />
    );
  }
  return <LookupForm lastResult={actionData?.lookup} unsent={actionData?.unsent} />;
}

function LookupForm({ lastResult, unsent }: { lastResult: SubmissionResult<string[]> | undefined; unsent: "reply" | "evidence" | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  // The message is only there when a reply came back unsent (below); the code is what is checked here.
  const [form, fields] = useForm<{ code: string; message?: string }>({
    id: "track-lookup",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trackingCodeSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="stack stack--large">
      <div className="page-heading">
        <h1>{t("tracking.heading")}</h1>
        <p className="lead">{t("tracking.introduction")}</p>
      </div>

      <Form method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="track-lookup-errors" formErrors={form.errors} fields={[fields.code]} /> : null}
        {unsent === "evidence" ? <p className="alert alert--warning">{t("tracking.lookup.unsentEvidence")}</p> : null}
        <input type="hidden" name="intent" value={unsent === "reply" ? "reply" : "open"} />
        <TextField
          field={fields.code}
          label={t("tracking.lookup.codeLabel")}
          hint={t("tracking.lookup.codeHint")}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          className="field__input--code"
        />
        {unsent === "reply" ? (
          <>
            <div className="alert alert--warning">
              <p className="alert__title">{t("tracking.lookup.unsentReplyTitle")}</p>
              <p>{t("tracking.lookup.unsentReply")}</p>
            </div>
            {/* What was typed comes back in the field's initial value (the submission's reply keeps every field). */}
            <TextareaField field={fields.message} label={t("tracking.reply.label")} rows={6} />
          </>
        ) : null}
        <div className="form-actions">
          <SubmitButton label={t(unsent === "reply" ? "tracking.reply.submit" : "tracking.lookup.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
        </div>
      </Form>

      <div className="reading-width stack stack--small">
        <p className="muted">{t("tracking.lookup.privacy")}</p>
        <h2>{t("tracking.lookup.lostCodeHeading")}</h2>
        <p>{t("tracking.lookup.lostCode")}</p>
      </div>
    </div>
  );
}

interface CaseViewProps {
  code: string;
  view: ReporterCaseView;
  intent: Intent;
  notice: Notice | undefined;
  replyResult: SubmissionResult<string[]> | undefined;
  evidenceResult: SubmissionResult<string[]> | undefined;
}

function CaseView({ code, view, intent, notice, replyResult, evidenceResult }: CaseViewProps) {
  const { t, formatDate, formatDateTime } = useTranslation();
  const { attachments } = useLoaderData<typeof loader>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const open = isOpen(view.status);
  const waiting = view.status === "awaiting_reporter";
  // A reply to a case closed meanwhile: the page has no reply form any more, so the message the
  // reporter sent comes back from this very submission (it is stored nowhere) for them to copy.
  const unsentReply = intent === "reply" && notice === "notOpen" ? textValue(replyResult?.initialValue?.message) : undefined;

  // Opening a case moves focus to its heading; after a reply or new evidence, to the note that it
  // was sent (without JavaScript its autofocus attribute does that). A form that failed keeps
  // Conform's focus on its first invalid field.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
    else if (intent === "open") headingRef.current?.focus();
  }, [notice, intent, view]);

  return (
    <div className="case-view stack stack--large">
      <div className="page-heading">
        <h1 ref={headingRef} tabIndex={-1} className="case-view__heading">
          {t("tracking.case.heading", { reference: view.reference })}
        </h1>
      </div>

      {notice ? (
        <div ref={noticeRef} tabIndex={-1} autoFocus role="status" className={notice === "notOpen" ? "alert alert--error" : "alert alert--success"}>
          <p className="alert__title">{notice === "notOpen" ? t("tracking.notOpenTitle") : t("tracking.sentTitle")}</p>
          <p>{notice === "notOpen" ? t("tracking.notOpen") : notice === "replied" ? t("tracking.reply.sent") : t("tracking.evidence.sent")}</p>
        </div>
      ) : null}

      <div className="stack stack--small">
        <div className={waiting ? "case-status case-status--waiting" : "case-status"}>
          <p className="case-status__label">{t("tracking.case.statusLabel")}</p>
          <p className="case-status__value" data-case-status={view.status}>
            {t(`statuses.${view.status}`)}
          </p>
        </div>
        {waiting ? (
          <div className="alert alert--warning">
            <p className="alert__title">{t("tracking.case.awaitingTitle")}</p>
            <p>{t("tracking.case.awaiting")}</p>
          </div>
        ) : null}
        {!open ? (
          <div className="alert alert--info">
            <p className="alert__title">{t("tracking.case.closedTitle")}</p>
            <p>{t("tracking.case.closed", { reference: view.reference })}</p>
          </div>
        ) : null}
      </div>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("tracking.case.referenceLabel")}</dt>
          <dd data-case-reference={view.reference}>{view.reference}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("tracking.case.kindLabel")}</dt>
          <dd>{t(`kinds.${view.kind}`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("tracking.case.filedAtLabel")}</dt>
          <dd>{formatDateTime(view.filedAt)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("tracking.case.nextStepLabel")}</dt>
          <dd>
            {view.nextDeadline
              ? t("tracking.case.nextStep", { clock: t(`clocks.${view.nextDeadline.clock}`), date: formatDate(view.nextDeadline.dueAt) })
              : t("tracking.case.noNextStep")}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="messages-heading" className="stack stack--small">
        <h2 id="messages-heading">{t("tracking.messages.heading")}</h2>
        {view.unreadCount > 0 ? <p className="alert alert--info">{t("tracking.case.unread", { count: view.unreadCount })}</p> : null}
        {view.messages.length === 0 ? (
          <p className="muted">{t("tracking.messages.empty")}</p>
        ) : (
          <ol className="conversation">
            {view.messages.map((message) => (
              <li key={message.id} className={message.author === "staff" ? "message message--staff" : "message message--reporter"}>
                <p className="message__meta">
                  <span className="message__author">{message.author === "staff" ? t("tracking.messages.fromStaff") : t("tracking.messages.fromYou")}</span>
                  <span className="message__time">{formatDateTime(message.createdAt)}</span>
                  {message.isUnread ? <span className="badge">{t("tracking.messages.new")}</span> : null}
                </p>
                <p className="message__body">{message.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {open ? <ReplyForm code={code} lastResult={replyResult} resetKey={view.messages.length} /> : unsentReply?.trim() ? <UnsentReply message={unsentReply} /> : null}

      <section aria-labelledby="files-heading" className="stack stack--small">
        <h2 id="files-heading">{t("tracking.files.heading")}</h2>
        {view.attachments.length === 0 ? (
          <p className="muted">{t("tracking.files.empty")}</p>
        ) : (
          <div className="table-wrapper">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("tracking.files.nameColumn")}</th>
                  <th scope="col" className="numeric">
                    {t("tracking.files.sizeColumn")}
                  </th>
                  <th scope="col">{t("tracking.files.sentAtColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {view.attachments.map((file, index) => (
                  <tr key={`${file.at}-${index}`}>
                    <td>{file.fileName}</td>
                    <td className="numeric">
                      <FileSize bytes={file.sizeBytes} />
                    </td>
                    <td>{formatDateTime(file.at, "short")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {open ? <EvidenceForm code={code} lastResult={evidenceResult} rules={attachments} resetKey={view.attachments.length} /> : null}

      <section aria-labelledby="timeline-heading" className="stack stack--small">
        <h2 id="timeline-heading">{t("tracking.timeline.heading")}</h2>
        <ol className="timeline">
          {view.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="timeline__entry">
              <span className="timeline__time">{formatDateTime(entry.at)}</span>
              <span>{t(timelineEventKey(entry.type))}</span>
              {entry.toStatus ? <span className="timeline__status">{t("tracking.timeline.statusChange", { status: t(`statuses.${entry.toStatus}`) })}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <p>
        <Link to="/track">{t("tracking.case.lookUpAnother")}</Link>
      </p>
    </div>
  );
}

function FileSize({ bytes }: { bytes: number }) {
  const { t, formatNumber } = useTranslation();
  const size = fileSizeMessage(bytes);
  return <>{t(size.key, { size: formatNumber(size.size) })}</>;
}

function UnsentReply({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="unsent-reply-heading" className="stack stack--small" data-unsent-reply>
      <h2 id="unsent-reply-heading">{t("tracking.unsentReply.heading")}</h2>
      <p>{t("tracking.unsentReply.copy")}</p>
      <UnsentText id="track-unsent-reply" label={t("tracking.reply.label")} value={message} rows={6} />
    </section>
  );
}

/** The code rides along in every form of the case page, so each action can check it again. */
function CodeFields({ code, intent }: { code: string; intent: Intent }) {
  return (
    <>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="intent" value={intent} />
    </>
  );
}

function ReplyForm({ code, lastResult, resetKey }: { code: string; lastResult: SubmissionResult<string[]> | undefined; resetKey: number }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "track-reply",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reporterReplySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "reply";
  return (
    <section aria-labelledby="reply-heading" className="stack stack--small">
      <h2 id="reply-heading">{t("tracking.reply.heading")}</h2>
      {/* A new key after each message sent empties the box, with or without JavaScript. */}
      <Form key={resetKey} method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="track-reply-errors" formErrors={form.errors} fields={[fields.message]} /> : null}
        <CodeFields code={code} intent="reply" />
        <TextareaField field={fields.message} label={t("tracking.reply.label")} hint={t("tracking.reply.hint")} rows={6} />
        <div className="form-actions">
          <SubmitButton label={t("tracking.reply.submit")} pendingLabel={t("forms.sending")} pending={pending} />
        </div>
      </Form>
    </section>
  );
}

function EvidenceForm({ code, lastResult, rules, resetKey }: { code: string; lastResult: SubmissionResult<string[]> | undefined; rules: AttachmentRules; resetKey: number }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ evidence?: File[] }>({ id: "track-evidence", lastResult });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "evidence";
  return (
    <section aria-labelledby="evidence-heading" className="stack stack--small">
      <h2 id="evidence-heading">{t("tracking.evidence.heading")}</h2>
      <Form key={resetKey} method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="track-evidence-errors" formErrors={form.errors} fields={[fields.evidence]} /> : null}
        <CodeFields code={code} intent="evidence" />
        <FileField
          field={fields.evidence}
          label={t("tracking.evidence.label")}
          hint={
            <>
              <AttachmentHint rules={rules} />
              <p>{t("tracking.evidence.metadata")}</p>
            </>
          }
          accept={rules.accept}
        />
        <div className="form-actions">
          <SubmitButton label={t("tracking.evidence.submit")} pendingLabel={t("forms.sending")} pending={pending} />
        </div>
      </Form>
    </section>
  );
}
