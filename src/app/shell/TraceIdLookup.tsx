import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { SearchIcon } from '../components/icons';
import { traceIdProblem } from './traceIdInput';

/** The top-bar box that opens a trace by ID: Enter navigates, a bad ID is explained in place. */
export function TraceIdLookup() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const traceId = value.trim();
    const found = traceIdProblem(traceId);
    setProblem(found);
    if (found) return;
    setValue('');
    navigate(`/trace/${traceId.toLowerCase()}`);
  }

  return (
    <form className="trace-lookup" role="search" aria-label="Trace ID lookup" onSubmit={submit} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        Trace ID
      </label>
      <SearchIcon className="trace-lookup__icon" />
      <input
        id={inputId}
        className="input trace-lookup__input mono"
        value={value}
        placeholder="Trace ID"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          if (problem) setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setValue('');
            setProblem(null);
          }
        }}
      />
      {problem && (
        <p id={errorId} className="trace-lookup__error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
