import { describe, expect, it } from 'vitest';
import { buildGeneratedTrace, buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex, type TraceIndex } from './traceIndex';
import { TreeView } from './treeView';

/*
 * row  span        service
 *  0   A           front
 *  1   ├ B         api
 *  2   │ ├ C       db
 *  3   │ └ D       db      (error)
 *  4   ├ E         api
 *  5   │ └ F       cache
 *  6   │   └ G     db
 *  7   └ H         front
 */
const SPECS: SpanSpec[] = [
  { id: 'A', at: [0, 100], service: 'front' },
  { id: 'B', parent: 'A', at: [1, 50], service: 'api' },
  { id: 'C', parent: 'B', at: [2, 10], service: 'db' },
  { id: 'D', parent: 'B', at: [11, 40], service: 'db', error: true },
  { id: 'E', parent: 'A', at: [51, 90], service: 'api' },
  { id: 'F', parent: 'E', at: [52, 80], service: 'cache' },
  { id: 'G', parent: 'F', at: [53, 70], service: 'db' },
  { id: 'H', parent: 'A', at: [91, 99], service: 'front' },
];
const [A, B, C, , E, F, G] = [0, 1, 2, 3, 4, 5, 6];

function fixture(): { index: TraceIndex; view: TreeView; service: (name: string) => number } {
  const index = buildTraceIndex(buildTrace(SPECS));
  expect(index.spans.map((s) => s.name).join('')).toBe('ABCDEFGH');
  return { index, view: new TreeView(index), service: (name) => index.services.indexOf(name) };
}

const visible = (view: TreeView) => [...view.visibleRows()];
const gaps = (view: TreeView) => [...view.hiddenAfter()];

describe('TreeView collapse and expand', () => {
  it('starts fully expanded with nothing hidden', () => {
    const { view } = fixture();
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gaps(view)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(view.hiddenBefore()).toBe(0);
  });

  it('collapses a subtree, counts what it hides, and keeps nested state on expand', () => {
    const { view } = fixture();
    expect(view.collapse(B)).toBe(true);
    expect(visible(view)).toEqual([0, 1, 4, 5, 6, 7]);
    expect(view.isCollapsed(B)).toBe(true);
    expect(view.hiddenDescendants(B)).toBe(2);
    expect(view.hiddenDescendants(E)).toBe(0);
    expect(gaps(view)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(view.collapse(B)).toBe(false);

    view.collapse(A);
    expect(visible(view)).toEqual([0]);
    expect(view.hiddenDescendants(A)).toBe(7);
    view.expand(A);
    expect(visible(view)).toEqual([0, 1, 4, 5, 6, 7]);
    expect(view.expand(A)).toBe(false);
  });

  it('records collapse of a row that is folded away, and applies it when it shows again', () => {
    const { view } = fixture();
    view.collapse(E);
    const version = view.version;
    expect(view.collapse(F)).toBe(true);
    expect(view.version).toBe(version + 1);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 7]);
    view.expand(E);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 7]);
  });

  it('leaves leaves alone and toggles', () => {
    const { view } = fixture();
    expect(view.collapse(C)).toBe(false);
    expect(view.isCollapsed(C)).toBe(false);
    view.toggle(E);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 7]);
    view.toggle(E);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('publishes a new array on each change and never modifies an old one', () => {
    const { view } = fixture();
    const before = view.visibleRows();
    view.collapse(B);
    expect([...before]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(view.visibleRows()).not.toBe(before);
  });

  it('marks a row that has an error somewhere below it', () => {
    const { view } = fixture();
    expect([A, B, C, E, F, G].map((r) => view.errorBelow(r))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('finds a row’s position and reveals a folded row by expanding its ancestors', () => {
    const { view } = fixture();
    view.collapseAll();
    expect(view.positionOf(G)).toBe(-1);
    expect(view.reveal(G)).toBe(true);
    expect(visible(view)).toEqual([0, 1, 4, 5, 6, 7]);
    expect(view.positionOf(G)).toBe(4);
    expect(view.reveal(G)).toBe(false);
  });
});

describe('TreeView whole-tree operations (Jaeger UI semantics)', () => {
  it('collapses and expands everything', () => {
    const { view } = fixture();
    expect(view.collapseAll()).toBe(true);
    expect(visible(view)).toEqual([0]);
    expect(view.collapseAll()).toBe(false);
    expect(view.expandAll()).toBe(true);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(view.expandAll()).toBe(false);
  });

  it('collapses one level at a time from the deepest expanded parents', () => {
    const { view } = fixture();
    view.collapseOneLevel();
    expect([B, E, F].map((r) => view.isCollapsed(r))).toEqual([true, false, true]);
    expect(visible(view)).toEqual([0, 1, 4, 5, 7]);
    view.collapseOneLevel();
    expect(visible(view)).toEqual([0, 1, 4, 7]);
    view.collapseOneLevel();
    expect(visible(view)).toEqual([0]);
    expect(view.collapseOneLevel()).toBe(false);
  });

  it('expands one level at a time from the top', () => {
    const { view } = fixture();
    view.collapseAll();
    view.expandOneLevel();
    expect(visible(view)).toEqual([0, 1, 4, 7]);
    view.expandOneLevel();
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 7]);
    view.expandOneLevel();
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(view.expandOneLevel()).toBe(false);
  });
});

describe('TreeView filters', () => {
  it('prunes hidden services with their subtrees and reports the gaps and counts', () => {
    const { view, service } = fixture();
    view.setHiddenServices([service('api')]);
    expect(visible(view)).toEqual([0, 7]);
    expect(gaps(view)).toEqual([6, 0]);
    const pruned = view.prunedByService();
    expect(['front', 'api', 'db', 'cache'].map((s) => pruned[service(s)])).toEqual([0, 2, 3, 1]);
    expect(view.hiddenServices()).toEqual([service('api')]);

    view.setHiddenServices([service('cache')]);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 7]);
    expect(gaps(view)).toEqual([0, 0, 0, 0, 2, 0]);

    view.setHiddenServices([service('front')]);
    expect(visible(view)).toEqual([]);
    expect(view.hiddenBefore()).toBe(8);

    view.setHiddenServices([]);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps only matches and their ancestors, with gaps where rows were dropped', () => {
    const { view } = fixture();
    view.setMatchFilter([G]);
    expect(visible(view)).toEqual([0, 4, 5, 6]);
    expect(gaps(view)).toEqual([3, 0, 0, 1]);

    // Spans folded inside a collapsed row are not "filtered out": they are in the row's count.
    view.collapse(E);
    expect(visible(view)).toEqual([0, 4]);
    expect(gaps(view)).toEqual([3, 1]);
    expect(view.hiddenDescendants(E)).toBe(2);

    view.setMatchFilter(null);
    expect(visible(view)).toEqual([0, 1, 2, 3, 4, 7]);
  });

  it('ignores matches the service filter removed, so their ancestors do not linger', () => {
    const { view, service } = fixture();
    view.setMatchFilter([C, G]);
    view.setHiddenServices([service('cache')]);
    expect(visible(view)).toEqual([0, 1, 2]);
    expect(gaps(view)).toEqual([0, 0, 5]);
  });
});

describe('TreeView against a from-scratch model', () => {
  /** Deterministic pseudo-random numbers, so a failure reproduces. */
  function random(seed: number): () => number {
    let s = seed;
    return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  }

  it('agrees with recomputing visibility row by row after every random operation', () => {
    const next = random(7);
    const count = 300;
    const index = buildTraceIndex(
      buildTrace(
        Array.from({ length: count }, (_, i) => ({
          id: `s${i}`,
          parent: i === 0 ? undefined : `s${Math.floor(next() * i)}`,
          at: [i, i + 1] as const,
          service: `svc${Math.floor(next() * 5)}`,
        })),
      ),
    );
    const view = new TreeView(index);
    const hidden = new Set<number>();
    let matches: number[] | null = null;
    for (let step = 0; step < 400; step++) {
      const row = Math.floor(next() * count);
      const op = Math.floor(next() * 10);
      if (op < 4) view.toggle(row);
      else if (op === 4) view.collapseOneLevel();
      else if (op === 5) view.expandOneLevel();
      else if (op === 6) view.reveal(row);
      else if (op === 7) {
        if (hidden.has(row % 5)) hidden.delete(row % 5);
        else if (hidden.size < 2) hidden.add(row % 5);
        view.setHiddenServices(hidden);
      } else if (op === 8) {
        matches = next() < 0.3 ? null : [row, Math.floor(next() * count)];
        view.setMatchFilter(matches);
      } else if (next() < 0.5) view.collapseAll();
      else view.expandAll();
      expectSameAsModel(index, view, hidden, matches);
    }
  });

  function expectSameAsModel(
    index: TraceIndex,
    view: TreeView,
    hidden: Set<number>,
    matches: number[] | null,
  ): void {
    const n = index.spans.length;
    const ancestors = (row: number) => {
      const out: number[] = [];
      for (let p = index.parent[row]; p >= 0; p = index.parent[p]) out.push(p);
      return out;
    };
    const pruned = (row: number) => [row, ...ancestors(row)].some((r) => hidden.has(index.service[r]));
    const kept = matches?.filter((m) => !pruned(m)) ?? null;
    const onPath = (row: number) =>
      kept === null || kept.some((m) => m === row || ancestors(m).includes(row));
    const folded = (row: number) => ancestors(row).some((p) => view.isCollapsed(p));
    const expected: number[] = [];
    for (let r = 0; r < n; r++) if (!pruned(r) && onPath(r) && !folded(r)) expected.push(r);
    expect(visible(view)).toEqual(expected);
    // Every span is visible, folded inside a visible collapsed row, or in exactly one gap.
    const rows = view.visibleRows();
    let total = rows.length + view.hiddenBefore();
    for (let i = 0; i < rows.length; i++) total += view.hiddenAfter()[i] + view.hiddenDescendants(rows[i]);
    expect(total).toBe(n);
  }
});

describe('TreeView at a million spans', { timeout: 120_000 }, () => {
  it('collapses and expands a 1M-deep chain without recursion', () => {
    const N = 1_000_000;
    const index = buildTraceIndex(
      buildGeneratedTrace(N, (i) => ({ parent: i - 1, start: i, end: 2 * N - i })),
    );
    const view = new TreeView(index);
    view.collapse(0);
    expect(visible(view)).toEqual([0]);
    expect(view.hiddenDescendants(0)).toBe(N - 1);
    view.expand(0);
    expect(view.visibleRows().length).toBe(N);
    view.collapseAll();
    view.expandOneLevel();
    expect(visible(view)).toEqual([0, 1]);
    view.expandAll();
    view.collapse(N / 2);
    expect(view.visibleRows().length).toBe(N / 2 + 1);
    expect(view.errorBelow(0)).toBe(false);
  });
});
