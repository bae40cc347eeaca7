import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { TIMELINE_VIEW, traceViewById, type TraceViewDefinition } from './traceViews';

export const VIEW_PARAM = 'view';

/** The trace page's view from `?view=`; unknown values fall back to the timeline. */
export function useTraceViewParam(): [TraceViewDefinition, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  const view = traceViewById(params.get(VIEW_PARAM));
  const setView = useCallback(
    (id: string) =>
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        if (id === TIMELINE_VIEW) out.delete(VIEW_PARAM);
        else out.set(VIEW_PARAM, id);
        return out;
      }),
    [setParams],
  );
  return [view, setView];
}
