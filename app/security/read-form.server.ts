/**
 * The body of a form POST, or an empty form when the body is not one (a JSON body, a broken
 * multipart, no body at all). A forged or broken request then meets the page's own validation —
 * a 400 with translated errors, or a refusal — instead of a 500 from the parser.
 *
 * NUL characters are taken out of every text value. Nobody types one, and a browser does not send
 * one from a form field, but a forged request can; PostgreSQL refuses the byte in any text it is
 * given, so it became a 500 at the first name stored in plain text (a team, an agency) or the first
 * lookup by a submitted id, where SQLite took it. Without it the value reads the same to a person,
 * and the form's own rules judge the rest.
 */
export async function readForm(request: Request): Promise<FormData> {
  const sent = await request.formData().catch(() => new FormData());
  const form = new FormData();
  for (const [name, value] of sent) form.append(name, typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  return form;
}
