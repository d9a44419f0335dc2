/**
 * What someone wrote in a form that can no longer be sent (the case or the escalation moved on
 * while they were writing), given back from the refused submission itself so that it is never
 * lost. Read-only rather than disabled, so its text can still be selected and copied; it has no
 * name, so no form ever sends it.
 */
export function UnsentText({ id, label, value, rows = 5 }: { id: string; label: string; value: string; rows?: number }) {
  return (
    <div className="field" data-unsent-text={id}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {rows > 1 ? (
        <textarea id={id} className="field__input" rows={rows} readOnly defaultValue={value} />
      ) : (
        <input id={id} type="text" className="field__input" readOnly defaultValue={value} />
      )}
    </div>
  );
}
