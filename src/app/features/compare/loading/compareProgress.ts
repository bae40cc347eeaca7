/**
 * How far each side of a comparison has got, for the loading view. Outside the query cache,
 * because TanStack Query knows pending and done but not progress.
 */
import { create } from 'zustand';
import type { DiffStage, Side } from '../worker/diffProtocol';

export type SideProgress =
  | { stage: 'waiting' }
  | { stage: 'downloading'; receivedBytes: number; totalBytes: number | null }
  | { stage: Exclude<DiffStage, 'aligning'>; bytes: number };

export interface ComparisonProgress {
  a: SideProgress;
  b: SideProgress;
  aligning: boolean;
}

const initial: ComparisonProgress = { a: { stage: 'waiting' }, b: { stage: 'waiting' }, aligning: false };

interface CompareProgressState {
  byPair: Record<string, ComparisonProgress>;
  update(pair: string, change: (p: ComparisonProgress) => ComparisonProgress): void;
  clear(pair: string): void;
}

export const useCompareProgressStore = create<CompareProgressState>((set) => ({
  byPair: {},
  update: (pair, change) =>
    set((s) => ({ byPair: { ...s.byPair, [pair]: change(s.byPair[pair] ?? initial) } })),
  clear: (pair) =>
    set((s) => {
      const { [pair]: _done, ...rest } = s.byPair;
      return { byPair: rest };
    }),
}));

export function pairKey(a: string, b: string): string {
  return `${a}...${b}`;
}

export function useComparisonProgress(a: string, b: string): ComparisonProgress {
  return useCompareProgressStore((s) => s.byPair[pairKey(a, b)]) ?? initial;
}

/** Reports for one pair, used by the loader outside React. */
export function progressReporter(a: string, b: string) {
  const key = pairKey(a, b);
  const { update, clear } = useCompareProgressStore.getState();
  const bytesSeen: Record<Side, number> = { a: 0, b: 0 };
  return {
    start: () => update(key, () => initial),
    downloading: (side: Side, receivedBytes: number, totalBytes: number | null) => {
      bytesSeen[side] = receivedBytes;
      update(key, (p) => ({ ...p, [side]: { stage: 'downloading', receivedBytes, totalBytes } }));
    },
    stage: (side: Side | null, stage: DiffStage) => {
      if (side === null) update(key, (p) => ({ ...p, aligning: true }));
      else if (stage !== 'aligning')
        update(key, (p) => ({ ...p, [side]: { stage, bytes: bytesSeen[side] } }));
    },
    received: (side: Side, bytes: number) => {
      bytesSeen[side] = bytes;
    },
    clear: () => clear(key),
  };
}
