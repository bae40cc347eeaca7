import { describe, expect, it } from 'vitest';
import { defaultThresholds, nodeLabel } from '../../../../core/diff/diffNodes';
import { diffTraces } from '../../../../core/diff/traceDiff';
import { buildTrace, type SpanSpec } from '../../../../core/testing/traceBuilder';
import { buildTraceIndex } from '../../../../core/tree/traceIndex';
import { visibleNodes, type RowQuery } from './diffRows';

// A: root → list (40 µs) → 2 queries;  B: root → list (90 µs) → 5 queries, plus a new audit call.
const trace = (listEnd: number, queries: number, audit: boolean): SpanSpec[] => [
  { id: 'root', service: 'web', name: 'GET /orders', at: [0, 200] },
  { id: 'list', parent: 'root', service: 'api', name: 'list', at: [10, 10 + listEnd] },
  ...Array.from({ length: queries }, (_, i): SpanSpec => ({
    id: `q${i}`,
    parent: 'list',
    service: 'db',
    name: 'SELECT',
    at: [12 + i * 10, 18 + i * 10],
  })),
  ...(audit
    ? [{ id: 'audit', parent: 'root', service: 'audit', name: 'write', at: [150, 160] } as SpanSpec]
    : []),
];
const diff = diffTraces(
  buildTraceIndex(buildTrace(trace(40, 2, false))),
  buildTraceIndex(buildTrace(trace(90, 5, true))),
);
const query = (q: Partial<RowQuery>): RowQuery => ({
  sort: { key: 'tree', descending: false },
  show: 'all',
  text: '',
  thresholds: defaultThresholds(diff),
  ...q,
});
const labels = (nodes: Int32Array) => [...nodes].map((n) => nodeLabel(diff, n));

describe('visibleNodes', () => {
  it('keeps tree order by default', () => {
    expect(labels(visibleNodes(diff, query({})))).toEqual([
      'web: GET /orders',
      'api: list',
      'db: SELECT',
      'audit: write',
    ]);
  });

  it('sorts on a figure either way, ties in tree order', () => {
    const byCount = visibleNodes(diff, query({ sort: { key: 'countB', descending: true } }));
    expect(labels(byCount)).toEqual(['db: SELECT', 'web: GET /orders', 'api: list', 'audit: write']);
    const byPercent = visibleNodes(diff, query({ sort: { key: 'totalPercent', descending: true } }));
    // The new audit call has no percentage: it counts as the largest increase.
    expect(labels(byPercent)).toEqual(['audit: write', 'db: SELECT', 'api: list', 'web: GET /orders']);
    const byName = visibleNodes(diff, query({ sort: { key: 'operation', descending: false } }));
    expect(labels(byName)).toEqual(['api: list', 'audit: write', 'db: SELECT', 'web: GET /orders']);
  });

  it('filters by change, by side and by text', () => {
    expect(labels(visibleNodes(diff, query({ show: 'onlyB' })))).toEqual(['audit: write']);
    expect(labels(visibleNodes(diff, query({ show: 'onlyA' })))).toEqual([]);
    expect(labels(visibleNodes(diff, query({ show: 'changed' })))).toEqual([
      'api: list',
      'db: SELECT',
      'audit: write',
    ]);
    expect(labels(visibleNodes(diff, query({ text: 'SEL' })))).toEqual(['db: SELECT']);
    expect(labels(visibleNodes(diff, query({ show: 'contributors' })))).toEqual(
      [...diff.topContributors].sort((x, y) => x - y).map((n) => nodeLabel(diff, n)),
    );
  });
});
