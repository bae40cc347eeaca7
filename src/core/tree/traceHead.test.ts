import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexSpanIds } from '../adjust/spanIdIndex';
import type { Trace } from '../model/trace';
import { spanKindNames } from '../model/trace';
import { syntheticTrace } from '../testing/syntheticTrace';
import { buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from './traceIndex';
import { traceHead } from './traceHead';

function headOf(trace: Trace, rows: number) {
  const { positions } = indexSpanIds((i) => trace.spans[i].spanId, trace.spans.length);
  return traceHead(trace.traceId, trace.spans, positions, rows);
}

/** The head must be the full index's first rows, field by field. */
function expectSameAsIndex(trace: Trace, rows: number) {
  const head = headOf(trace, rows);
  const index = buildTraceIndex(trace);
  expect(head.spanCount).toBe(trace.spans.length);
  expect(head.startUs).toBe(index.traceStartUs);
  expect(head.durationUs).toBe(index.traceDurationUs);
  expect(head.serviceCount).toBe(new Set(trace.spans.map((s) => s.resource.serviceName)).size);
  expect(head.rows.length).toBe(Math.min(rows, trace.spans.length));
  head.rows.forEach((r, row) => {
    const span = index.spans[row];
    expect(r.spanId).toBe(span.spanId);
    expect(r.parentRow).toBe(index.parent[row]);
    expect(r.depth).toBe(index.depth[row]);
    expect(r.childCount).toBe(index.childCount[row]);
    expect(r.startUs).toBe(index.startUs[row]);
    expect(r.durationUs).toBe(index.durationUs[row]);
    expect(r.service).toBe(index.services[index.service[row]]);
    expect(r.operation).toBe(index.operations[index.operation[row]]);
    expect(r.kind).toBe(spanKindNames[index.kind[row] as keyof typeof spanKindNames]);
    expect(r.error).toBe(index.error[row] === 1);
  });
}

describe('traceHead', () => {
  it('is the first rows of the full index on a realistic trace, batch parents included', () => {
    const trace = syntheticTrace(2_000, 7);
    for (const rows of [1, 200, 2_000, 3_000]) expectSameAsIndex(trace, rows);
  });

  it('puts orphans with the roots by start, attaches children of a repeated ID to its first span', () => {
    const trace = buildTrace([
      { id: 'late', at: [50, 90] },
      { id: 'root', at: [0, 100], service: 'front' },
      { id: 'orph', parentSpanId: '00000000000000ff', at: [20, 30] },
      { id: 'a', parent: 'root', at: [10, 20], kind: 'client', error: true },
      { id: 'b', parent: 'root', at: [5, 8], service: 'back' },
      { id: 'dup', spanId: '0000000000000062', parent: 'a', at: [11, 12] },
      { id: 'kid', parent: 'b', at: [6, 7] },
    ]);
    for (let rows = 1; rows <= 8; rows++) expectSameAsIndex(trace, rows);
    expect(headOf(trace, 3).rows.map((r) => r.operation)).toEqual(['root', 'b', 'kid']);
  });

  it('places spans on a parent cycle after every root, as the index does', () => {
    const trace = buildTrace([
      { id: 'root', at: [0, 10] },
      { id: 'x', spanId: '00000000000000a1', parentSpanId: '00000000000000a2', at: [1, 2] },
      { id: 'y', spanId: '00000000000000a2', parentSpanId: '00000000000000a1', at: [3, 4] },
    ]);
    expect(headOf(trace, 3).rows.map((r) => r.operation)).toEqual(
      buildTraceIndex(trace).spans.map((s) => s.name),
    );
  });

  it('agrees with the index on arbitrary forests with equal start times and shared IDs', () => {
    const spec = fc.array(
      fc.record({
        parent: fc.integer({ min: -1, max: 30 }),
        start: fc.integer({ min: 0, max: 5 }),
        id: fc.integer({ min: 0, max: 40 }),
      }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(spec, fc.integer({ min: 1, max: 35 }), (shape, rows) => {
        // Parents only point backwards, so there is no cycle; IDs may repeat.
        const specs: SpanSpec[] = shape.map((s, i) => ({
          id: `s${i}`,
          spanId: (s.id + 1).toString(16).padStart(16, '0'),
          parentSpanId:
            s.parent >= 0 && s.parent < i
              ? (shape[s.parent].id + 1).toString(16).padStart(16, '0')
              : undefined,
          at: [s.start, s.start + 3],
          service: `svc${i % 3}`,
        }));
        const trace = buildTrace(specs);
        if (specs.some((s, i) => s.parentSpanId === specs[i].spanId)) return;
        expectSameAsIndex(trace, rows);
      }),
      { numRuns: 300 },
    );
  });
});
