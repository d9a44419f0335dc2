import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { translateFormMessage } from "./form-messages";

/*
 * Form fields of the design system, fed by Conform's field metadata. Each field is a label, an
 * optional hint, its errors and the control, in that order (the order a screen reader meets them);
 * the control points at its hint and errors with aria-describedby. Controls are uncontrolled: what
 * the server sends back (`initialValue`) becomes their default, so a page without JavaScript keeps
 * everything the person typed after an error.
 */

/** What these components read of Conform's `FieldMetadata`. */
export interface FormField {
  id: string;
  name: string;
  errorId: string;
  descriptionId: string;
  errors?: string[] | undefined;
  initialValue?: unknown;
}

export function textValue(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isInvalid(field: FormField): boolean {
  return (field.errors?.length ?? 0) > 0;
}

function describedBy(field: FormField, hasHint: boolean): string | undefined {
  const ids = [hasHint ? field.descriptionId : undefined, isInvalid(field) ? field.errorId : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function fieldClassName(field: FormField): string {
  return isInvalid(field) ? "field field--invalid" : "field";
}

function controlAttributes(field: FormField, hasHint: boolean) {
  return {
    id: field.id,
    name: field.name,
    "aria-invalid": isInvalid(field) || undefined,
    "aria-describedby": describedBy(field, hasHint),
  };
}

function OptionalMarker({ optional }: { optional?: boolean }) {
  const { t } = useTranslation();
  if (!optional) return null;
  return (
    <>
      {" "}
      <span className="field__optional">{t("forms.optional")}</span>
    </>
  );
}

function FieldHint({ field, hint }: { field: FormField; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={field.descriptionId} className="field__hint">
      {hint}
    </div>
  );
}

/** The field's errors, translated; nothing when it has none. */
export function FieldErrors({ field }: { field: FormField }) {
  const { t } = useTranslation();
  if (!isInvalid(field)) return null;
  return (
    <div id={field.errorId} className="field__error">
      {field.errors?.map((message) => (
        <p key={message}>
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {translateFormMessage(t, message)}
        </p>
      ))}
    </div>
  );
}

interface FieldProps {
  field: FormField;
  label: string;
  hint?: ReactNode;
  optional?: boolean;
}

interface TextFieldProps extends FieldProps {
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  inputMode?: "text" | "email" | "tel" | "numeric";
  spellCheck?: boolean;
  autoCapitalize?: "off" | "characters" | "words" | "sentences";
  /** A narrower input for short answers, such as a telephone number. */
  short?: boolean;
  className?: string;
}

export function TextField({ field, label, hint, optional, type = "text", short, className, ...inputOptions }: TextFieldProps) {
  return (
    <div className={fieldClassName(field)}>
      <label htmlFor={field.id} className="field__label">
        {label}
        <OptionalMarker optional={optional} />
      </label>
      <FieldHint field={field} hint={hint} />
      <FieldErrors field={field} />
      <input
        {...controlAttributes(field, Boolean(hint))}
        type={type}
        className={["field__input", short ? "field__input--short" : "", className ?? ""].filter(Boolean).join(" ")}
        defaultValue={textValue(field.initialValue)}
        {...inputOptions}
      />
    </div>
  );
}

export function TextareaField({ field, label, hint, optional, rows = 8 }: FieldProps & { rows?: number }) {
  return (
    <div className={fieldClassName(field)}>
      <label htmlFor={field.id} className="field__label">
        {label}
        <OptionalMarker optional={optional} />
      </label>
      <FieldHint field={field} hint={hint} />
      <FieldErrors field={field} />
      <textarea {...controlAttributes(field, Boolean(hint))} className="field__input" rows={rows} defaultValue={textValue(field.initialValue)} />
    </div>
  );
}

/**
 * A select whose empty first option asks the reader to choose (or, with `emptyLabel`, names what
 * no choice means, such as "keep as it is"); `children` are the options or groups.
 */
export function SelectField({ field, label, hint, optional, emptyLabel, children }: FieldProps & { emptyLabel?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={fieldClassName(field)}>
      <label htmlFor={field.id} className="field__label">
        {label}
        <OptionalMarker optional={optional} />
      </label>
      <FieldHint field={field} hint={hint} />
      <FieldErrors field={field} />
      <select {...controlAttributes(field, Boolean(hint))} className="field__input" defaultValue={textValue(field.initialValue) ?? ""}>
        <option value="">{emptyLabel ?? t("forms.choosePlaceholder")}</option>
        {children}
      </select>
    </div>
  );
}

/**
 * Files. A browser never refills a file input, so after a server-side error without JavaScript the
 * person must choose again: `reselectNotice` says so beside the control.
 */
export function FileField({ field, label, hint, optional, accept, reselectNotice }: FieldProps & { accept?: string; reselectNotice?: string }) {
  return (
    <div className={fieldClassName(field)}>
      <label htmlFor={field.id} className="field__label">
        {label}
        <OptionalMarker optional={optional} />
      </label>
      <FieldHint field={field} hint={hint} />
      <FieldErrors field={field} />
      {reselectNotice ? <p className="field__notice">{reselectNotice}</p> : null}
      <input {...controlAttributes(field, Boolean(hint))} type="file" multiple accept={accept} className="field__input field__input--file" />
    </div>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * Radio buttons in a fieldset whose legend is the question. The first button carries the field's
 * id, so the error summary's link and Conform's focus land on the group.
 */
export function RadioGroup({ field, legend, hint, options }: { field: FormField; legend: string; hint?: ReactNode; options: readonly ChoiceOption[] }) {
  const selected = textValue(field.initialValue);
  return (
    <fieldset className={isInvalid(field) ? "fieldset field--invalid" : "fieldset"} aria-describedby={describedBy(field, Boolean(hint))}>
      <legend className="fieldset__legend fieldset__legend--field">{legend}</legend>
      <FieldHint field={field} hint={hint} />
      <FieldErrors field={field} />
      <ul className="choice-list">
        {options.map((option, index) => {
          const id = index === 0 ? field.id : `${field.id}-${option.value}`;
          return (
            <li key={option.value}>
              <label className="choice" htmlFor={id}>
                <input
                  type="radio"
                  id={id}
                  name={field.name}
                  value={option.value}
                  defaultChecked={selected === option.value}
                  aria-invalid={isInvalid(field) || undefined}
                  aria-describedby={option.hint ? `${id}-hint` : undefined}
                />
                <span className="choice__text">
                  <span className="choice__label">{option.label}</span>
                  {option.hint ? (
                    <span id={`${id}-hint`} className="choice__hint">
                      {option.hint}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** One checkbox that sends "on" when ticked (Conform reads it as true for a boolean schema). */
export function CheckboxField({ field, label, hint }: { field: FormField; label: string; hint?: string }) {
  return (
    <div className={fieldClassName(field)}>
      <FieldErrors field={field} />
      <label className="choice" htmlFor={field.id}>
        <input
          type="checkbox"
          id={field.id}
          name={field.name}
          value="on"
          defaultChecked={field.initialValue === "on"}
          aria-invalid={isInvalid(field) || undefined}
          aria-describedby={describedBy(field, Boolean(hint))}
        />
        <span className="choice__text">
          <span className="choice__label">{label}</span>
          {hint ? (
            <span id={field.descriptionId} className="choice__hint">
              {hint}
            </span>
          ) : null}
        </span>
      </label>
    </div>
  );
}

/**
 * A field people never see and bots fill in. Hidden from sight by a class (no inline style under
 * our CSP), from screen readers by aria-hidden, from keyboards by tabIndex; its label still tells
 * anyone who reaches it to leave it empty. It never gets a value back from the server.
 */
export function HoneypotField({ name, formId }: { name: string; formId: string }) {
  const { t } = useTranslation();
  const id = `${formId}-${name}`;
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor={id}>{t("forms.honeypotLabel")}</label>
      <input type="text" id={id} name={name} tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/**
 * The errors of a form at its top, each linking to its field; form-level messages (not tied to a
 * field) come first and link nowhere. Rendered after a submission fails, it takes focus without
 * JavaScript (autofocus) so the reader starts from the list of what to correct.
 */
export function ErrorSummary({ id, formErrors, fields }: { id: string; formErrors?: readonly string[]; fields: readonly FormField[] }) {
  const { t } = useTranslation();
  const items = [
    ...(formErrors ?? []).map((message) => ({ key: `form:${message}`, message, href: undefined })),
    ...fields.flatMap((field) => (field.errors ?? []).map((message) => ({ key: `${field.name}:${message}`, message, href: `#${field.id}` }))),
  ];
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${id}-title`} tabIndex={-1} autoFocus>
      <h2 id={`${id}-title`} className="error-summary__title">
        {t("forms.errorSummaryTitle")}
      </h2>
      <p>{t("validation.formHasErrors", { count: items.length })}</p>
      <ul className="error-summary__list">
        {items.map((item) => (
          <li key={item.key}>{item.href ? <a href={item.href}>{translateFormMessage(t, item.message)}</a> : translateFormMessage(t, item.message)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The submit button; while a submission is on its way (with JavaScript) it says so and waits. */
export function SubmitButton({ label, pendingLabel, pending, variant }: { label: string; pendingLabel: string; pending: boolean; variant?: "corruption" | "secondary" }) {
  const className = ["button", variant ? `button--${variant}` : ""].filter(Boolean).join(" ");
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending || undefined}>
      {pending ? pendingLabel : label}
    </button>
  );
}
