/**
 * Size and line count of a JSON document in the trace worker, while the worker indexes it a
 * slice per request: the first answer comes after a few milliseconds (the first screen can
 * show), the next ones grow the line count until the whole document is indexed.
 */
import { useEffect, useState } from 'react';
import type { JsonOutline, JsonSource } from '../../../../workers/analyses/jsonAnalysis';
import { useTraceView } from '../../state/traceViewStore';

export interface JsonOutlineState {
  outline: JsonOutline | null;
  error: string | null;
}

const nextFrame = () =>
  new Promise<void>((resolve) =>
    typeof requestAnimationFrame === 'undefined'
      ? setTimeout(resolve, 16)
      : requestAnimationFrame(() => resolve()),
  );

export function useJsonOutline(source: JsonSource): JsonOutlineState {
  const handle = useTraceView((s) => s.handle);
  const [state, setState] = useState<JsonOutlineState & { source: JsonSource | null }>({
    source: null,
    outline: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    const indexAll = async () => {
      for (;;) {
        const outline = await handle.analyse('jsonOutline', { source });
        if (!current) return;
        setState({ source, outline, error: null });
        if (outline.complete) return;
        // Let the page render and ask for the lines on screen first: the worker answers in order.
        await nextFrame();
      }
    };
    indexAll().catch((error: unknown) => {
      if (current)
        setState({ source, outline: null, error: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      current = false;
    };
  }, [handle, source]);
  return state.source === source ? state : { outline: null, error: null };
}
