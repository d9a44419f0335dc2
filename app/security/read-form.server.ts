/**
 * The body of a form POST, or an empty form when the body is not one (a JSON body, a broken
 * multipart, no body at all). A forged or broken request then meets the page's own validation —
 * a 400 with translated errors, or a refusal — instead of a 500 from the parser.
 */
export function readForm(request: Request): Promise<FormData> {
  return request.formData().catch(() => new FormData());
}
