import { useId, type KeyboardEvent, type RefObject } from 'react';
import { SearchIcon } from '../../../components/icons';
import { useTraceView } from '../state/traceViewStore';
import { slowerThanQuery, type FindController } from './useFindInTrace';

/**
 * The find-in-trace box: `/` or Ctrl+F focuses it, Enter and Shift+Enter step through matches,
 * Escape clears. Quick pills fill in common questions.
 */
interface FindBarProps {
  find: FindController;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function FindBar({ find, inputRef }: FindBarProps) {
  const result = useTraceView((s) => s.find);
  const matchesOnly = useTraceView((s) => s.matchesOnly);
  const setMatchesOnly = useTraceView((s) => s.setMatchesOnly);
  const slowest = slowerThanQuery(useTraceView((s) => s.skeleton.slowestUs));
  const errorId = useId();
  const error = find.parseError ?? result.error;
  const count = result.rows?.length ?? 0;
  const status = !find.input.trim()
    ? ''
    : error
      ? result.waiting && !find.parseError
        ? 'Waiting for the spans'
        : 'Invalid query'
      : result.rows === null || result.text !== find.input
        ? 'Searching…'
        : count === 0
          ? 'No matches'
          : result.current >= 0
            ? `${result.current + 1} of ${count.toLocaleString()}`
            : `${count.toLocaleString()} ${count === 1 ? 'match' : 'matches'}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      find.step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && find.input) {
      event.preventDefault();
      event.stopPropagation();
      find.commit('');
    }
  };
  const pill = (label: string, query: string) => (
    <button
      type="button"
      className="pill"
      aria-pressed={find.input.trim() === query}
      onClick={() => find.commit(find.input.trim() === query ? '' : query)}
    >
      {label}
    </button>
  );

  return (
    <div className="find" role="search" aria-label="Find in trace">
      <div className="find__box">
        <SearchIcon className="find__icon" />
        <input
          ref={inputRef}
          type="search"
          className="input find__input"
          aria-label="Find in trace"
          placeholder="Find spans…  error  http.status_code=500  >500ms  service:api"
          value={find.input}
          onChange={(e) => find.setInput(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          spellCheck={false}
          autoComplete="off"
        />
        <span className="find__count num" role="status" aria-live="polite">
          {status}
        </span>
        <button
          type="button"
          className="btn btn--icon"
          aria-label="Previous match (Shift+Enter)"
          title="Previous match (Shift+Enter)"
          disabled={count === 0}
          onClick={() => find.step(-1)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 10l4-4 4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
        <button
          type="button"
          className="btn btn--icon"
          aria-label="Next match (Enter)"
          title="Next match (Enter)"
          disabled={count === 0}
          onClick={() => find.step(1)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={matchesOnly} onChange={(e) => setMatchesOnly(e.target.checked)} />
        Hide the rest
      </label>
      <div className="find__pills" role="group" aria-label="Quick finds">
        {pill('Critical path', 'is:critical')}
        {pill('Errors', 'error')}
        {pill('Slowest 1%', slowest)}
      </div>
      {error && (
        <p id={errorId} className="find__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
