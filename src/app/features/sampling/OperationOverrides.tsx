import { useEffect, useRef } from 'react';
import { newOperationKey, type DraftProblems, type OperationDraft } from './samplingModel';

interface OperationOverridesProps {
  /** Prefix for element IDs, unique per editor. */
  idBase: string;
  operations: OperationDraft[];
  problems: DraftProblems['operations'];
  /** Problems are shown once the person has tried to save, or for fields already typed in. */
  showAll: boolean;
  onChange(operations: OperationDraft[]): void;
}

function describeKept(o: OperationDraft): string {
  const kept = o.kept;
  if (kept?.type === 'ratelimiting') {
    return `rate limiting (${kept.param ?? 0}/s), which Jaeger ignores per operation`;
  }
  return 'the default probability (no type given)';
}

/** Per-operation probabilities: roots of these operations use their own share instead. */
export function OperationOverrides({
  idBase,
  operations,
  problems,
  showAll,
  onChange,
}: OperationOverridesProps) {
  const added = useRef<number | null>(null);
  const nameInputs = useRef(new Map<number, HTMLInputElement>());
  useEffect(() => {
    // A newly added row gets the focus, so keyboard users type its name at once.
    if (added.current !== null) nameInputs.current.get(added.current)?.focus();
    added.current = null;
  }, [operations.length]);

  const update = (key: number, change: Partial<OperationDraft>) =>
    onChange(operations.map((o) => (o.key === key ? { ...o, ...change } : o)));

  const captionId = `${idBase}-ops`;
  return (
    <div className="op-overrides">
      <h4 id={captionId} className="op-overrides__title">
        Per-operation overrides
      </h4>
      <p className="field__hint">
        Traces that start at one of these operations are kept with its own percentage; rate limiting is not
        available per operation.
      </p>
      {operations.length > 0 && (
        <table className="op-overrides__table" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Sampling percentage</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {operations.map((o, i) => {
              const p = problems[o.key] ?? {};
              const nameProblem = showAll || o.operation !== '' ? p.operation : undefined;
              const percentProblem = showAll || o.percent !== '' ? p.percent : undefined;
              const label = o.operation.trim() || `operation ${i + 1}`;
              const nameId = `${idBase}-op-${o.key}-name`;
              const percentId = `${idBase}-op-${o.key}-percent`;
              return (
                <tr key={o.key}>
                  <td>
                    <input
                      ref={(el) => {
                        if (el) nameInputs.current.set(o.key, el);
                        else nameInputs.current.delete(o.key);
                      }}
                      className="input"
                      aria-label={`Operation ${i + 1} name`}
                      aria-invalid={Boolean(nameProblem)}
                      aria-describedby={nameProblem ? `${nameId}-problem` : undefined}
                      value={o.operation}
                      placeholder="e.g. GET /health"
                      spellCheck={false}
                      onChange={(e) => update(o.key, { operation: e.target.value })}
                    />
                    {nameProblem && (
                      <p id={`${nameId}-problem`} className="field__error">
                        {nameProblem}
                      </p>
                    )}
                  </td>
                  <td>
                    {o.kept ? (
                      <span className="op-overrides__kept">{describeKept(o)}</span>
                    ) : (
                      <>
                        <span className="percent-input">
                          <input
                            className="input num"
                            inputMode="decimal"
                            aria-label={`Sampling percentage for ${label}`}
                            aria-invalid={Boolean(percentProblem)}
                            aria-describedby={percentProblem ? `${percentId}-problem` : undefined}
                            value={o.percent}
                            onChange={(e) => update(o.key, { percent: e.target.value })}
                          />
                          <span aria-hidden="true">%</span>
                        </span>
                        {percentProblem && (
                          <p id={`${percentId}-problem`} className="field__error">
                            {percentProblem}
                          </p>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn"
                      onClick={() => onChange(operations.filter((x) => x.key !== o.key))}
                    >
                      Remove<span className="visually-hidden"> {label}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const key = newOperationKey();
            added.current = key;
            onChange([...operations, { key, operation: '', percent: '' }]);
          }}
        >
          Add operation override
        </button>
      </div>
    </div>
  );
}
