/**
 * How far each trace's load has got, for the loading view. It lives outside the query cache
 * because TanStack Query has no notion of progress, only of pending and done.
 */
import { create } from 'zustand';
import type { TraceHead } from '../../../../core/tree/traceHead';
import type { LoadStage } from '../../../workers/traceSession';

export type LoadProgress =
  | { stage: 'downloading'; receivedBytes: number; totalBytes: number | null }
  | { stage: LoadStage; receivedBytes: number; totalBytes: number | null };

interface LoadProgressState {
  byTrace: Record<string, LoadProgress>;
  /** The first rows, when the backend gave them ahead of the full trace (api/traceHead.ts). */
  headByTrace: Record<string, TraceHead>;
  report(traceId: string, progress: LoadProgress): void;
  reportHead(traceId: string, head: TraceHead): void;
  clear(traceId: string): void;
}

export const useLoadProgress = create<LoadProgressState>((set) => ({
  byTrace: {},
  headByTrace: {},
  report: (traceId, progress) => set((s) => ({ byTrace: { ...s.byTrace, [traceId]: progress } })),
  reportHead: (traceId, head) => set((s) => ({ headByTrace: { ...s.headByTrace, [traceId]: head } })),
  clear: (traceId) =>
    set((s) => {
      const { [traceId]: _done, ...rest } = s.byTrace;
      const { [traceId]: _head, ...heads } = s.headByTrace;
      return { byTrace: rest, headByTrace: heads };
    }),
}));

export function useTraceLoadProgress(traceId: string): LoadProgress | undefined {
  return useLoadProgress((s) => s.byTrace[traceId]);
}

export function useTraceHead(traceId: string): TraceHead | undefined {
  return useLoadProgress((s) => s.headByTrace[traceId]);
}
