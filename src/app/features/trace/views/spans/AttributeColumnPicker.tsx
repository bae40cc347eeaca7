import type { AttributeKey } from '../../../../../core/analysis/attributeColumns';
import { AttributeKeyOptions } from '../shared/AttributeKeyOptions';

interface AttributeColumnPickerProps {
  /** Keys present in the trace; null while they are being listed. */
  keys: AttributeKey[] | null;
  chosen: readonly string[];
  onAdd(key: string): void;
  onRemove(key: string): void;
  /** The keys are listed on first use: listing reads every span's attributes. */
  onWantKeys(): void;
}

/** Adds attribute columns to the spans table, and lists the added ones with a remove button. */
export function AttributeColumnPicker({
  keys,
  chosen,
  onAdd,
  onRemove,
  onWantKeys,
}: AttributeColumnPickerProps) {
  return (
    <div className="column-picker">
      {chosen.length > 0 && (
        <ul className="column-picker__chosen" aria-label="Attribute columns">
          {chosen.map((key) => (
            <li key={key} className="column-picker__chip">
              <span className="mono">{key}</span>
              <button
                type="button"
                className="column-picker__remove"
                aria-label={`Remove column ${key}`}
                title={`Remove column ${key}`}
                onClick={() => onRemove(key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="select-wrap">
        <span className="visually-hidden">Add an attribute column</span>
        <select
          className="select column-picker__select"
          value=""
          onFocus={onWantKeys}
          onPointerDown={onWantKeys}
          onChange={(e) => {
            if (e.target.value) onAdd(e.target.value);
          }}
        >
          <option value="">Add column…</option>
          {keys ? (
            <AttributeKeyOptions keys={keys} exclude={chosen} />
          ) : (
            <option value="" disabled>
              Listing attributes…
            </option>
          )}
        </select>
      </label>
    </div>
  );
}
