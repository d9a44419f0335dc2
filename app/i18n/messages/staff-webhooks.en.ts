import type { Widen } from "./widen";
import type { staffWebhooksTh } from "./staff-webhooks.th";

/** Staff pages: the admin page of webhooks and LINE alerts, and the text of a LINE alert, in English. */
export const staffWebhooksEn = {
  title: "Webhooks and LINE alerts",
  introduction:
    "When a case misses a deadline or is escalated to the executives, Prongsai alerts the systems registered here. An alert carries the case reference, kind and deadlines only: never what was reported, who reported it, or a tracking code.",
  events: {
    sla_breach: "Deadline missed (SLA)",
    escalation: "Case escalated to the executives",
    test: "Test",
  },
  list: {
    heading: "Registered webhooks",
    empty: "No webhook yet",
    name: "Name",
    url: "Address",
    events: "Events",
    status: "Status",
    actions: "Manage",
    active: "Enabled",
    disabled: "Disabled",
    enable: "Enable",
    disable: "Disable",
    delete: "Delete",
    sendTest: "Send a test event",
    createdAt: "Registered {dateTime}",
  },
  create: {
    heading: "Register a webhook",
    nameLabel: "Name",
    nameHint: "For example, the office's task tracker",
    urlLabel: "Address (URL)",
    urlHint: "Must start with https://. Prongsai POSTs JSON signed in the Prongsai-Signature header.",
    eventsLegend: "Send when",
    submit: "Register",
  },
  problems: {
    not_a_url: "Enter a valid web address, such as https://example.go.th/hooks/prongsai",
    not_https: "The address must start with https:// (http:// only to localhost, in development)",
    has_credentials: "The address must not hold a user name or password: the receiver checks the signature instead",
    eventsRequired: "Choose at least one event",
    nameTooLong: "The name can be at most 100 characters",
    notFound: "This webhook was not found; it may have been deleted",
  },
  secret: {
    heading: "Webhook \"{name}\" registered",
    explanation:
      "This is the secret that verifies the signatures. It is shown this once only: copy it into the receiving system now. If it is lost, delete this webhook and register it again.",
    label: "Secret",
  },
  done: {
    enable: "The webhook is enabled.",
    disable: "The webhook is disabled. Deliveries still waiting will not be sent.",
    delete: "The webhook is deleted.",
    test: "A test event is queued; its delivery shows in the list below.",
  },
  deliveries: {
    heading: "Recent deliveries",
    empty: "Nothing delivered yet",
    when: "When",
    webhook: "Webhook",
    event: "Event",
    status: "Result",
    attempts: "Attempts",
    lastError: "Last error",
    statuses: {
      pending: "Waiting",
      sending: "Sending",
      sent: "Delivered",
      dead: "Failed (given up)",
    },
  },
  line: {
    heading: "LINE alerts",
    configured: "The same alerts go to {count} LINE chat(s) through the LINE Messaging API.",
    notConfigured: "Not configured. The server's operator sets LINE_CHANNEL_ACCESS_TOKEN and LINE_TARGET_IDS.",
  },
  lineMessage: {
    slaBreach: "⚠️ Case {reference} missed its deadline: {clock} (due {dueAt})",
    escalation: "🔺 Case {reference} escalated to {role}: {rule} ({escalatedAt})",
    about: "Kind: {kind}, category {categoryCode} · Priority: {priority}",
    open: "Open in Prongsai: {url}",
  },
} satisfies Widen<typeof staffWebhooksTh>;
