/**
 * View state of one open trace: collapse and filters (core's TreeView), the zoomed time range,
 * find-in-trace results and scroll requests. One store per open trace, created by TraceView;
 * what belongs in a shared link (the find query, the selected span) lives in the URL instead.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { TreeView } from '../../../../core/tree/treeView';
import type { TraceHandle } from '../../../workers/traceClient';
import type { CriticalByRow, FindOutcome, TraceSkeleton } from '../../../workers/traceModel';
import { FULL_RANGE, type ViewRange } from '../viewRange';
import { structuralIndex } from './structuralIndex';
import { uiConfig } from '../../../config/runtimeConfig';

export interface FindState {
  /** The query the results belong to. */
  text: string;
  /** Matching rows, ascending; null when there is no query. */
  rows: Int32Array | null;
  /** 1 for each matching row, for highlighting. */
  isMatch: Uint8Array | null;
  error: string | null;
  /** The error is that the query reads spans still downloading: it runs again once they are read. */
  waiting: boolean;
  /** Index into rows of the match last moved to; -1 before any. */
  current: number;
}

export interface TraceViewState {
  /** The worker that holds the spans: details and find-in-trace are asked of it. */
  handle: TraceHandle;
  skeleton: TraceSkeleton;
  tree: TreeView;
  /** Bumped whenever the tree changes, so rows re-render. */
  treeVersion: number;
  critical: CriticalByRow;
  viewRange: ViewRange;
  criticalOnly: boolean;
  /** "Hide the rest": show only find matches and their ancestors. */
  matchesOnly: boolean;
  find: FindState;
  /** Span rows at the top and bottom of the waterfall viewport. */
  viewport: { first: number; last: number } | null;
  /** Asks the waterfall to bring a row into view (and focus it); seq makes repeats distinct. */
  scrollRequest: { row: number; seq: number; focus: boolean } | null;
  /** Spans something points at (a selected insight), highlighted in the timeline; null for none. */
  highlight: SpanHighlight | null;

  updateTree(change: (tree: TreeView) => unknown): void;
  setViewRange(range: ViewRange): void;
  setCriticalOnly(on: boolean): void;
  setMatchesOnly(on: boolean): void;
  setHiddenServices(services: number[]): void;
  /** Shows every span again: no hidden services, no critical-only, no hide-the-rest. */
  clearFilters(): void;
  setFindResult(text: string, outcome: FindOutcome | null): void;
  /** Moves to the next (+1) or previous (-1) match, expanding its ancestors. */
  stepMatch(direction: 1 | -1): number | null;
  revealRow(row: number, focus?: boolean): void;
  setViewport(viewport: { first: number; last: number } | null): void;
  /** Highlights `rows` on behalf of `key` (e.g. an insight), or clears the highlight. */
  setHighlight(highlight: { key: string; rows: Int32Array } | null): void;
}

export interface SpanHighlight {
  /** Who asked: lets a list show which of its items is highlighted. */
  key: string;
  /** Ascending. */
  rows: Int32Array;
  /** 1 for each highlighted row. */
  isHighlighted: Uint8Array;
}

const NO_FIND: FindState = { text: '', rows: null, isMatch: null, error: null, waiting: false, current: -1 };

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return Int32Array.from(out);
}

function noCriticalPath(spanCount: number): CriticalByRow {
  const none = new Float64Array(0);
  return {
    onPath: new Uint8Array(spanCount),
    rows: new Int32Array(0),
    offsets: new Int32Array(spanCount + 1),
    startUs: none,
    endUs: none,
  };
}

export function createTraceViewStore(handle: TraceHandle): StoreApi<TraceViewState> {
  const { skeleton } = handle;
  const tree = new TreeView(structuralIndex(skeleton));
  // The UI config's `criticalPathEnabled: false` takes the critical path off the timeline.
  const critical = uiConfig().criticalPathEnabled ? skeleton.critical : noCriticalPath(skeleton.spanCount);
  let seq = 0;
  return createStore<TraceViewState>((set, get) => {
    /** Re-applies the two row filters that share TreeView's match filter. */
    const applyMatchFilter = () => {
      const { criticalOnly, matchesOnly, find } = get();
      const matches = matchesOnly && find.rows ? find.rows : null;
      const keep = criticalOnly ? (matches ? intersect(critical.rows, matches) : critical.rows) : matches;
      tree.setMatchFilter(keep);
      set({ treeVersion: tree.version });
    };
    return {
      handle,
      skeleton,
      tree,
      treeVersion: tree.version,
      critical,
      viewRange: FULL_RANGE,
      criticalOnly: false,
      matchesOnly: false,
      find: NO_FIND,
      viewport: null,
      scrollRequest: null,
      highlight: null,

      updateTree(change) {
        change(tree);
        if (tree.version !== get().treeVersion) set({ treeVersion: tree.version });
      },
      setViewRange: (viewRange) => set({ viewRange }),
      setCriticalOnly(criticalOnly) {
        set({ criticalOnly });
        applyMatchFilter();
      },
      setMatchesOnly(matchesOnly) {
        set({ matchesOnly });
        applyMatchFilter();
      },
      setHiddenServices(services) {
        tree.setHiddenServices(services);
        set({ treeVersion: tree.version });
      },
      clearFilters() {
        set({ criticalOnly: false, matchesOnly: false });
        tree.setHiddenServices([]);
        applyMatchFilter();
      },
      setFindResult(text, outcome) {
        if (!outcome || !text.trim()) set({ find: NO_FIND });
        else if ('error' in outcome) {
          set({ find: { ...NO_FIND, text, error: outcome.error, waiting: outcome.waitsForSpans === true } });
        } else {
          const isMatch = new Uint8Array(skeleton.spanCount);
          for (const row of outcome.rows) isMatch[row] = 1;
          set({ find: { text, rows: outcome.rows, isMatch, error: null, waiting: false, current: -1 } });
        }
        if (get().matchesOnly) applyMatchFilter();
      },
      stepMatch(direction) {
        const { find } = get();
        if (!find.rows || find.rows.length === 0) return null;
        const count = find.rows.length;
        const current =
          find.current < 0 ? (direction > 0 ? 0 : count - 1) : (find.current + direction + count) % count;
        set({ find: { ...find, current } });
        get().revealRow(find.rows[current], false);
        return find.rows[current];
      },
      revealRow(row, focus = true) {
        tree.reveal(row);
        set({ treeVersion: tree.version, scrollRequest: { row, seq: ++seq, focus } });
      },
      setViewport: (viewport) => set({ viewport }),
      setHighlight(highlight) {
        if (!highlight) {
          set({ highlight: null });
          return;
        }
        const isHighlighted = new Uint8Array(skeleton.spanCount);
        for (const row of highlight.rows) isHighlighted[row] = 1;
        set({ highlight: { ...highlight, isHighlighted } });
      },
    };
  });
}

export const TraceViewContext = createContext<StoreApi<TraceViewState> | null>(null);

/** Reads a slice of the open trace's view state; re-renders only when that slice changes. */
export function useTraceView<T>(selector: (state: TraceViewState) => T): T {
  const store = useContext(TraceViewContext);
  if (!store) throw new Error('useTraceView is used outside a TraceView');
  return useStore(store, selector);
}

export function useTraceViewStore(): StoreApi<TraceViewState> {
  const store = useContext(TraceViewContext);
  if (!store) throw new Error('useTraceViewStore is used outside a TraceView');
  return store;
}
