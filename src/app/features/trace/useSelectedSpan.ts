/**
 * The open span lives in the URL (`?span=<spanId>`), next to Jaeger's `uiFind`: a copied link
 * reopens it, and after following a link to another trace, Back returns to this span. Changing
 * it replaces the history entry, so stepping through spans does not flood the Back button.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { rowOfSpanId, spanIdOfRow, type TraceSkeleton } from '../../workers/traceModel';

export const SPAN_PARAM = 'span';

export function useSelectedSpan(skeleton: TraceSkeleton): [number | null, (row: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const spanId = params.get(SPAN_PARAM);
  const row = useMemo(() => {
    if (!spanId) return null;
    const found = rowOfSpanId(skeleton, spanId);
    return found >= 0 ? found : null;
  }, [skeleton, spanId]);
  const select = useCallback(
    (next: number | null) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          if (next === null) out.delete(SPAN_PARAM);
          else out.set(SPAN_PARAM, spanIdOfRow(skeleton, next));
          return out;
        },
        { replace: true },
      ),
    [setParams, skeleton],
  );
  return [row, select];
}
