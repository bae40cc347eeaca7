/**
 * Runs a worker analysis for a view and keeps its latest answer. Params are compared by value
 * (JSON), so a view can build them inline; an answer to a request that has since been replaced
 * is dropped, and the previous answer stays on screen while the next one is computed, so a
 * table never flashes empty while someone types in its filter.
 */
import { useEffect, useState } from 'react';
import type { AnalysisName, AnalysisParams, AnalysisResult } from '../../../../workers/analyses/registry';
import { useTraceView } from '../../state/traceViewStore';

export interface AnalysisState<T> {
  data: T | null;
  error: string | null;
  /** A request is running (the first, or one replacing `data`). */
  pending: boolean;
  /** How long the last answer took, in milliseconds. */
  tookMs: number | null;
}

export function useAnalysis<N extends AnalysisName>(
  name: N,
  params: AnalysisParams<N> | null,
): AnalysisState<AnalysisResult<N>> {
  const handle = useTraceView((s) => s.handle);
  const key = params === null ? null : JSON.stringify(params);
  // The answer last received and the params it answers; pending is "those are not the params".
  const [answer, setAnswer] = useState<{
    key: string | null;
    data: AnalysisResult<N> | null;
    error: string | null;
    tookMs: number | null;
  }>({ key: null, data: null, error: null, tookMs: null });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const started = performance.now();
    handle.analyse(name, JSON.parse(key) as AnalysisParams<N>).then(
      (data) => {
        if (current) setAnswer({ key, data, error: null, tookMs: performance.now() - started });
      },
      (error: unknown) => {
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setAnswer((a) => ({ ...a, key, error: message }));
      },
    );
    return () => {
      current = false;
    };
  }, [handle, name, key]);

  return {
    data: answer.data,
    error: answer.error,
    pending: key !== null && answer.key !== key,
    tookMs: answer.tookMs,
  };
}
