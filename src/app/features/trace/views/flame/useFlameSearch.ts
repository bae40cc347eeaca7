/**
 * The flame graph's search, in the find-in-trace language (service:, >10ms, error, text...), run
 * by the worker that holds the spans. The latest query wins; the previous matches stay drawn
 * while the next ones are computed.
 */
import { useEffect, useState } from 'react';
import type { TraceHandle } from '../../../../workers/traceClient';
import type { FlameSearch } from './FlameCanvas';

export interface FlameSearchState {
  search: FlameSearch | null;
  error: string | null;
  pending: boolean;
}

export function useFlameSearch(handle: TraceHandle, query: string, spanCount: number): FlameSearchState {
  const [state, setState] = useState<{ query: string; search: FlameSearch | null; error: string | null }>({
    query: '',
    search: null,
    error: null,
  });
  useEffect(() => {
    if (query === '') return;
    let current = true;
    handle.find(query).then(
      (outcome) => {
        if (!current) return;
        if ('error' in outcome) {
          setState({ query, search: null, error: outcome.error });
          return;
        }
        const isMatch = new Uint8Array(spanCount);
        for (const row of outcome.rows) isMatch[row] = 1;
        setState({ query, search: { isMatch, rows: outcome.rows }, error: null });
      },
      (error: unknown) => {
        if (current)
          setState({ query, search: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [handle, query, spanCount]);
  if (query === '') return { search: null, error: null, pending: false };
  return { search: state.search, error: state.error, pending: state.query !== query };
}
