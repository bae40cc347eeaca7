import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { readQueryToken, useQueryTokenStore } from '../api/queryToken';
import './queryToken.css';

/**
 * Shown above every page once the query API answered 401: where to enter the token the server
 * was started with. Entering it retries every failed request; the token stays in this tab only.
 */
export function QueryTokenPrompt() {
  const needed = useQueryTokenStore((s) => s.needed);
  const rejected = useQueryTokenStore((s) => s.rejected);
  const enterToken = useQueryTokenStore((s) => s.enterToken);
  const forgetToken = useQueryTokenStore((s) => s.forgetToken);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const inputId = useId();
  const hintId = useId();
  if (!needed) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() === '') return;
    enterToken(draft);
    setDraft('');
    void queryClient.invalidateQueries();
  };
  const stored = readQueryToken() !== null;

  return (
    <form className="token-prompt" role="region" aria-label="Query API token" onSubmit={submit}>
      <div className="token-prompt__text">
        <label htmlFor={inputId} className="token-prompt__title">
          {rejected ? 'The query API refused the token' : 'The query API needs a token'}
        </label>
        <p id={hintId} className="token-prompt__hint">
          This server was started with <code>--query-token</code> (or <code>TRACELENS_QUERY_TOKEN</code>); ask
          whoever runs it. The token is kept in this browser tab only and sent as an{' '}
          <code>Authorization: Bearer</code> header.
        </p>
      </div>
      <input
        id={inputId}
        className="input token-prompt__input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        aria-invalid={rejected || undefined}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="btn btn--primary" disabled={draft.trim() === ''}>
        Use token
      </button>
      {stored && (
        <button type="button" className="btn" onClick={forgetToken}>
          Forget token
        </button>
      )}
    </form>
  );
}
