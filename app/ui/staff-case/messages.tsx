import { useTranslation } from "~/i18n/use-translation";
import type { ThreadMessage, Workspace } from "./types";

/* The conversation with the reporter, and the notes staff keep among themselves. */

function MessageList({
  messages,
  kind,
}: {
  messages: ThreadMessage[];
  kind: "thread" | "notes";
}) {
  const { t, formatDateTime } = useTranslation();
  return (
    <ol className="conversation" data-messages={kind}>
      {messages.map((message) => (
        <li
          key={message.id}
          className={
            message.author === "staff"
              ? "message message--staff"
              : "message message--reporter"
          }
        >
          <p className="message__meta">
            <span className="message__author">
              {message.author === "reporter"
                ? t("staffCase.thread.fromReporter")
                : message.authorName ?? t("staffCase.thread.fromStaff")}
            </span>
            <span className="message__time">
              {formatDateTime(message.createdAt)}
            </span>
          </p>
          <p className="message__body">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}

export function Thread({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="thread-heading" className="stack stack--small">
      <h2 id="thread-heading">{t("staffCase.thread.heading")}</h2>
      {workspace.thread.length === 0 ? (
        <p className="muted">{t("staffCase.thread.empty")}</p>
      ) : (
        <MessageList messages={workspace.thread} kind="thread" />
      )}
    </section>
  );
}

export function InternalNotes({ notes }: { notes: ThreadMessage[] }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="notes-heading"
      className="stack stack--small case-page__notes"
    >
      <h2 id="notes-heading">{t("staffCase.notes.heading")}</h2>
      <p className="muted small">{t("staffCase.notes.hint")}</p>
      {notes.length === 0 ? (
        <p className="muted">{t("staffCase.notes.empty")}</p>
      ) : (
        <MessageList messages={notes} kind="notes" />
      )}
    </section>
  );
}
