/**
 * Find in trace, Jaeger style: the query is the URL's `uiFind` (written 250 ms after typing
 * stops), matching runs in the worker that holds the spans, and the latest answer wins.
 * A `uiFind` that names one span ID on arrival opens that span, which keeps Jaeger's deep links
 * (`/trace/<id>?uiFind=<spanId>`) working.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useSearchParams } from 'react-router';
import { parseFindQuery } from '../../../../core/search/findInTrace';
import { useTraceViewStore } from '../state/traceViewStore';
import { SPAN_PARAM } from '../useSelectedSpan';

export const FIND_PARAM = 'uiFind';
const DEBOUNCE_MS = 250;

export interface FindController {
  input: string;
  setInput(text: string): void;
  /** Sets the query at once (pills, clear), without waiting for the debounce. */
  commit(text: string): void;
  /** A parse error of what is typed, shown before the worker is even asked. */
  parseError: string | null;
  step(direction: 1 | -1): void;
  focus(): void;
}

export function useFindInTrace(
  select: (row: number | null) => void,
  inputRef: RefObject<HTMLInputElement | null>,
): FindController {
  const store = useTraceViewStore();
  const handle = store.getState().handle;
  // A query that waited for the spans (ADR 18) runs again once they are read.
  const spansRead = useSyncExternalStore(
    handle.subscribeSpans,
    () => handle.spansState().state === 'complete',
  );
  const [params, setParams] = useSearchParams();
  const query = params.get(FIND_PARAM) ?? '';
  const [input, setInputState] = useState(query);
  const timer = useRef<number | undefined>(undefined);
  const firstQuery = useRef(params.has(SPAN_PARAM) ? null : query);
  /**
   * Enter pressed before the typed query was searched: step once that query's results arrive
   * (not another's: typing on drops it).
   */
  const pendingStep = useRef<{ query: string; direction: 1 | -1 } | null>(null);
  /** The text this input last wrote to the URL: its own echo must not overwrite newer typing. */
  const [committed, setCommitted] = useState(query);

  const commit = useCallback(
    (text: string) => {
      window.clearTimeout(timer.current);
      setCommitted(text);
      setInputState(text);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (text) next.set(FIND_PARAM, text);
          else next.delete(FIND_PARAM);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setInput = useCallback(
    (text: string) => {
      setInputState(text);
      // Typing on drops a step asked for the query before.
      pendingStep.current = null;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => commit(text), DEBOUNCE_MS);
    },
    [commit],
  );
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // Back/forward or a pasted link changes the URL under the input: follow it. The URL catching
  // up with a debounced commit is not such a change: on a slow machine the user has typed on
  // since, and those keystrokes must stay.
  const [syncedQuery, setSyncedQuery] = useState(query);
  if (query !== syncedQuery) {
    setSyncedQuery(query);
    if (query !== input && query !== committed) setInputState(query);
  }

  useEffect(() => {
    let current = true;
    if (!query.trim()) {
      store.getState().setFindResult('', null);
      return;
    }
    const started = performance.now();
    store
      .getState()
      .handle.find(query)
      .then((outcome) => {
        if (!current) return;
        store.getState().setFindResult(query, outcome);
        const pending = pendingStep.current;
        if (pending?.query === query) {
          pendingStep.current = null;
          store.getState().stepMatch(pending.direction);
        }
        performance.measure?.('tracelens:find', { start: started, end: performance.now() });
        // A deep link to one span: open it, as Jaeger UI focuses it.
        if (
          firstQuery.current === query &&
          'rows' in outcome &&
          outcome.rows.length === 1 &&
          /^[0-9a-f]{1,16}$/i.test(query.trim())
        ) {
          select(outcome.rows[0]);
          store.getState().revealRow(outcome.rows[0], true);
        }
        firstQuery.current = null;
      })
      .catch(() => {
        // The worker is gone (trace closed); nothing to show.
      });
    return () => {
      current = false;
    };
  }, [query, store, select, spansRead]);

  const parsed = input.trim() ? parseFindQuery(input) : null;
  return {
    input,
    setInput,
    commit,
    parseError: parsed && 'error' in parsed ? parsed.error : null,
    step: (direction) => {
      // Enter right after typing: search now, and go to the first match when it is found.
      if (input !== query) {
        pendingStep.current = { query: input, direction };
        return commit(input);
      }
      if (store.getState().find.text !== query) pendingStep.current = { query, direction };
      else store.getState().stepMatch(direction);
    },
    focus: () => {
      inputRef.current?.focus();
      inputRef.current?.select();
    },
  };
}

/** A find query for spans at least this long, in a readable unit: `>=12.345ms`. */
export function slowerThanQuery(thresholdUs: number): string {
  const us = Math.floor(thresholdUs);
  if (us >= 1e6) return `>=${us / 1e6}s`;
  if (us >= 1e3) return `>=${us / 1e3}ms`;
  return `>=${us}us`;
}
