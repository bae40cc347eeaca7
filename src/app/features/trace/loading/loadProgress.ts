/**
 * How far each trace's load has got, for the loading view. It lives outside the query cache
 * because TanStack Query has no notion of progress, only of pending and done.
 */
import { create } from 'zustand';
import type { LoadStage } from '../../../workers/traceSession';

export type LoadProgress =
  | { stage: 'downloading'; receivedBytes: number; totalBytes: number | null }
  | { stage: LoadStage; receivedBytes: number; totalBytes: number | null };

interface LoadProgressState {
  byTrace: Record<string, LoadProgress>;
  report(traceId: string, progress: LoadProgress): void;
  clear(traceId: string): void;
}

export const useLoadProgress = create<LoadProgressState>((set) => ({
  byTrace: {},
  report: (traceId, progress) => set((s) => ({ byTrace: { ...s.byTrace, [traceId]: progress } })),
  clear: (traceId) =>
    set((s) => {
      const { [traceId]: _done, ...rest } = s.byTrace;
      return { byTrace: rest };
    }),
}));

export function useTraceLoadProgress(traceId: string): LoadProgress | undefined {
  return useLoadProgress((s) => s.byTrace[traceId]);
}
