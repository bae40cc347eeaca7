/**
 * Chooses A and B: typed or pasted trace IDs (16 or 32 hex digits), or picked from the cohort the
 * search page sent along. Each field explains its own problem; nothing navigates until both are
 * valid.
 */
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { canonicalTraceId, compareHref, compareIdProblem } from './compareUrl';

interface ComparePickerProps {
  a: string;
  b: string;
  cohort: readonly string[];
}

interface IdFieldProps {
  label: string;
  value: string;
  problem: string | null;
  listId: string;
  onChange(value: string): void;
}

function IdField({ label, value, problem, listId, onChange }: IdFieldProps) {
  const inputId = useId();
  const errorId = useId();
  return (
    <div className="field compare-picker__field">
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      <input
        id={inputId}
        className="input mono"
        value={value}
        placeholder="16 or 32 hex digits"
        autoComplete="off"
        spellCheck={false}
        list={listId}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <p id={errorId} className="field__error">
          {problem}
        </p>
      )}
    </div>
  );
}

export function ComparePicker({ a, b, cohort }: ComparePickerProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState({ a, b });
  const [problems, setProblems] = useState<{ a: string | null; b: string | null }>({ a: null, b: null });
  const listId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ta = values.a.trim();
    const tb = values.b.trim();
    const found = { a: compareIdProblem(ta), b: compareIdProblem(tb) };
    if (!found.a && !found.b && canonicalTraceId(ta) === canonicalTraceId(tb)) {
      found.b = 'This is trace A again: choose another trace to compare with.';
    }
    setProblems(found);
    if (found.a || found.b) return;
    void navigate(compareHref(canonicalTraceId(ta), canonicalTraceId(tb), cohort));
  }

  const change = (side: 'a' | 'b') => (value: string) => {
    setValues((v) => ({ ...v, [side]: value }));
    setProblems((p) => ({ ...p, [side]: null }));
  };

  return (
    <form className="compare-picker" aria-label="Traces to compare" onSubmit={submit} noValidate>
      <IdField
        label="Trace A (baseline)"
        value={values.a}
        problem={problems.a}
        listId={listId}
        onChange={change('a')}
      />
      <button
        type="button"
        className="btn compare-picker__swap"
        aria-label="Swap A and B"
        title="Swap A and B"
        onClick={() => {
          setValues((v) => ({ a: v.b, b: v.a }));
          setProblems((p) => ({ a: p.b, b: p.a }));
        }}
      >
        ⇄
      </button>
      <IdField label="Trace B" value={values.b} problem={problems.b} listId={listId} onChange={change('b')} />
      <button type="submit" className="btn btn--primary compare-picker__submit">
        Compare
      </button>
      <datalist id={listId}>
        {cohort.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
    </form>
  );
}
