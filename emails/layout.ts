/**
 * The frame of every e-mail Prongsai sends (ARCHITECTURE §8): Thai first, then English, in one
 * message, because when we write we may not know which language the reader reads; HTML and plain
 * text with the same content; a footer saying no one reads replies. Templates are plain functions:
 * every value they pass in is escaped here, so no template can forget to.
 */

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The content of an e-mail in one language. */
export interface EmailBody {
  heading: string;
  paragraphs: string[];
  /** Label and value pairs, e.g. the case reference, shown as a short list. */
  facts?: Array<{ label: string; value: string }>;
  /** One link the reader is invited to follow. */
  action?: { label: string; url: string };
}

export interface BilingualEmail {
  subject: { th: string; en: string };
  th: EmailBody;
  en: EmailBody;
}

const automaticMessageNotice = {
  th: "อีเมลฉบับนี้ส่งจากระบบโดยอัตโนมัติ โปรดอย่าตอบกลับ",
  en: "This is an automatic message. Please do not reply to it.",
};

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/** A header line: a line break in a subject would end the header and start another. */
function singleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Only web links: a `javascript:` or `data:` URL in a link is a script, not a destination. */
function assertWebUrl(url: string): string {
  const protocol = new URL(url).protocol;
  if (protocol !== "https:" && protocol !== "http:") throw new Error(`An e-mail link must be an http(s) URL, not ${protocol}`);
  return url;
}

export function renderEmail(email: BilingualEmail): RenderedEmail {
  for (const body of [email.th, email.en]) if (body.action) assertWebUrl(body.action.url);
  return {
    subject: singleLine(`${email.subject.th} / ${email.subject.en}`),
    text: renderText(email),
    html: renderHtml(email),
  };
}

function renderText(email: BilingualEmail): string {
  const section = (body: EmailBody) =>
    [
      body.heading,
      ...body.paragraphs,
      ...(body.facts?.length ? [body.facts.map((fact) => `${fact.label}: ${fact.value}`).join("\n")] : []),
      ...(body.action ? [`${body.action.label}:\n${body.action.url}`] : []),
    ].join("\n\n");
  const rule = "-".repeat(40);
  return [section(email.th), rule, section(email.en), rule, `${automaticMessageNotice.th}\n${automaticMessageNotice.en}`].join("\n\n") + "\n";
}

const fontStack = "Sarabun, Tahoma, 'Leelawadee UI', Arial, sans-serif";

function renderHtml(email: BilingualEmail): string {
  const section = (language: "th" | "en", body: EmailBody) => {
    const facts = body.facts?.length
      ? `<table role="presentation" style="border-collapse:collapse;margin:16px 0">${body.facts
          .map(
            (fact) =>
              `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:normal;color:#555">${escapeHtml(fact.label)}</th><td style="padding:4px 0;font-weight:bold">${escapeHtml(fact.value)}</td></tr>`,
          )
          .join("")}</table>`
      : "";
    const action = body.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(body.action.url)}" style="background:#1d4e89;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(body.action.label)}</a></p><p style="font-size:13px;color:#555;word-break:break-all">${escapeHtml(body.action.url)}</p>`
      : "";
    return `<div lang="${language}"><h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(body.heading)}</h1>${body.paragraphs
      .map((paragraph) => `<p style="margin:0 0 12px;line-height:1.6">${escapeHtml(paragraph)}</p>`)
      .join("")}${facts}${action}</div>`;
  };
  const subject = escapeHtml(singleLine(`${email.subject.th} / ${email.subject.en}`));
  return [
    "<!DOCTYPE html>",
    `<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>`,
    `<body style="margin:0;padding:24px;background:#f4f5f7;font-family:${fontStack};color:#1a1a1a">`,
    `<div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-radius:6px">`,
    section("th", email.th),
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">`,
    section("en", email.en),
    `<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">`,
    `<p style="font-size:12px;color:#666;margin:0" lang="th">${escapeHtml(automaticMessageNotice.th)}</p>`,
    `<p style="font-size:12px;color:#666;margin:4px 0 0" lang="en">${escapeHtml(automaticMessageNotice.en)}</p>`,
    "</div></body></html>",
  ].join("\n");
}
