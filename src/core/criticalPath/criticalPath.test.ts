import { describe, expect, it } from 'vitest';
import { buildGeneratedTrace, buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { criticalPath, type CriticalSegment } from './criticalPath';

/**
 * Diagrams: time runs left to right, one column per 10µs unless marked; `===` is a span,
 * `***` under it marks the parts of it on the critical path.
 */
function pathOf(specs: SpanSpec[]): string[] {
  const index = buildTraceIndex(buildTrace(specs));
  const segments = criticalPath(index);
  expectContiguous(index, segments);
  return segments.map((s) => `${index.spans[s.row].name} ${s.startUs}-${s.endUs}`);
}

/** A critical path covers its root's window end to end, without gaps or overlaps. */
function expectContiguous(index: TraceIndex, segments: CriticalSegment[]): void {
  // One expect for the whole path: a million expect() calls would take longer than the path.
  const broken = segments.findIndex(
    (s, i) => s.endUs <= s.startUs || (i > 0 && s.startUs !== segments[i - 1].endUs),
  );
  expect(broken).toBe(-1);
  if (segments.length === 0) return;
  let root = segments[0].row;
  while (index.parent[root] >= 0) root = index.parent[root];
  expect(segments[0].startUs).toBe(index.startUs[root]);
  expect(segments[segments.length - 1].endUs).toBe(index.startUs[root] + index.durationUs[root]);
}

describe('criticalPath — the classic cases', () => {
  it('1. a single span is its own critical path', () => {
    // A  ==========
    //    **********
    expect(pathOf([{ id: 'A', at: [0, 100] }])).toEqual(['A 0-100']);
  });

  it('2. sequential children: the parent owns the gaps between them', () => {
    // A  ==========        0..100
    // B   ==               10..30
    // C      ===           40..70
    //    *.**.***.**  → A 0-10, B, A 30-40, C, A 70-100
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 30] },
        { id: 'C', parent: 'A', at: [40, 70] },
      ]),
    ).toEqual(['A 0-10', 'B 10-30', 'A 30-40', 'C 40-70', 'A 70-100']);
  });

  it('3. overlapping children: only the last finisher counts while it runs (Jaeger test2)', () => {
    // X  ==========        0..100
    // A   ====             10..50   ends after C starts: never on the path
    // C    ====            20..60
    //    **  ****  → X 0-20, C 20-60, X 60-100
    expect(
      pathOf([
        { id: 'X', at: [0, 100] },
        { id: 'A', parent: 'X', at: [10, 50] },
        { id: 'C', parent: 'X', at: [20, 60] },
      ]),
    ).toEqual(['X 0-20', 'C 20-60', 'X 60-100']);
  });

  it('4. a child longer than its parent is cut at the parent end', () => {
    // A  ==========          0..100
    // B       ==========     50..150 → clipped to 50..100
    // C         ===          70..100 (B's child, inside the clipped window)
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [50, 150] },
        { id: 'C', parent: 'B', at: [70, 100] },
      ]),
    ).toEqual(['A 0-50', 'B 50-70', 'C 70-100']);
  });

  it('5. a child starting before its parent is cut at the parent start', () => {
    // B  ====               0..40  → clipped to 10..40
    // A   =========        10..100 (root)
    // D  =                  0..5   entirely before A: dropped
    expect(
      pathOf([
        { id: 'A', at: [10, 100] },
        { id: 'B', parent: 'A', at: [0, 40] },
        { id: 'D', parent: 'A', at: [0, 5] },
      ]),
    ).toEqual(['B 10-40', 'A 40-100']);
  });

  it('6. a child entirely after its parent ends is dropped, with its subtree', () => {
    // A  ==========              0..100
    // C    ===                   20..50
    // B            ====         120..150 (dropped)
    // G              ==         130..140 (B's child, dropped with it)
    // E           =             100..110 starts exactly at A's end: dropped too
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'C', parent: 'A', at: [20, 50] },
        { id: 'B', parent: 'A', at: [120, 150] },
        { id: 'G', parent: 'B', at: [130, 140] },
        { id: 'E', parent: 'A', at: [100, 110] },
      ]),
    ).toEqual(['A 0-20', 'C 20-50', 'A 50-100']);
  });

  it('7. a FOLLOWS_FROM child does not block its parent', () => {
    // A  ==========        0..100
    // B   ===              10..40
    // C      ~~~~~         50..95  follows from A: A does not wait for it
    // D       ===          60..90  (C's child: excluded with C)
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 40] },
        { id: 'C', parent: 'A', at: [50, 95], followsFrom: true },
        { id: 'D', parent: 'C', at: [60, 90] },
      ]),
    ).toEqual(['A 0-10', 'B 10-40', 'A 40-100']);
  });

  it('8. a consumer under a producer is asynchronous; under anything else it blocks', () => {
    // A  ==========          0..100 server
    // P   =                 10..20  producer
    // Q      ===========    30..120 consumer of P's message: not waited for
    expect(
      pathOf([
        { id: 'A', at: [0, 100], kind: 'server' },
        { id: 'P', parent: 'A', at: [10, 20], kind: 'producer' },
        { id: 'Q', parent: 'P', at: [30, 120], kind: 'consumer' },
      ]),
    ).toEqual(['A 0-10', 'P 10-20', 'A 20-100']);
    expect(
      pathOf([
        { id: 'A', at: [0, 100], kind: 'client' },
        { id: 'Q', parent: 'A', at: [30, 80], kind: 'consumer' },
      ]),
    ).toEqual(['A 0-30', 'Q 30-80', 'A 80-100']);
  });

  it('9. nested levels with a gap: the walk goes down and back up several times', () => {
    // A  ===========     0..100
    // B   =====          5..50
    // C    =            10..20  (B)
    // D      ==         25..45  (B)
    // E        ====     60..90  (A)
    // F         ==      65..80  (E)
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [5, 50] },
        { id: 'C', parent: 'B', at: [10, 20] },
        { id: 'D', parent: 'B', at: [25, 45] },
        { id: 'E', parent: 'A', at: [60, 90] },
        { id: 'F', parent: 'E', at: [65, 80] },
      ]),
    ).toEqual([
      'A 0-5',
      'B 5-10',
      'C 10-20',
      'B 20-25',
      'D 25-45',
      'B 45-50',
      'A 50-60',
      'E 60-65',
      'F 65-80',
      'E 80-90',
      'A 90-100',
    ]);
  });
});

describe('criticalPath — details of Jaeger semantics', () => {
  it('follows the root that ends last when the trace has several roots', () => {
    // R1 =====            0..50
    // R2    ========     30..110 (its parent is not in the trace)
    // K       ==         50..70
    expect(
      pathOf([
        { id: 'R1', at: [0, 50] },
        { id: 'R2', at: [30, 110], parentSpanId: 'ffffffffffffffff' },
        { id: 'K', parent: 'R2', at: [50, 70] },
      ]),
    ).toEqual(['R2 30-50', 'K 50-70', 'R2 70-110']);
  });

  it('handles a child that starts at time 0, which Jaeger’s `||` would misread as "not returning"', () => {
    // A  ==========   0..100
    // B  =====        0..50
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [0, 50] },
      ]),
    ).toEqual(['B 0-50', 'A 50-100']);
  });

  it('breaks ties in end time towards the earlier-starting child, like Jaeger’s strict scan', () => {
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 60] },
        { id: 'C', parent: 'A', at: [30, 60] },
      ]),
    ).toEqual(['A 0-10', 'B 10-60', 'A 60-100']);
  });

  it('drops the subtree of a clipped-away child and clips grandchildren to the clipped child', () => {
    // A ========        0..80
    // B       ======   60..120 → 60..80
    // C          ===   90..120 (B's child, outside B's clipped window: dropped)
    expect(
      pathOf([
        { id: 'A', at: [0, 80] },
        { id: 'B', parent: 'A', at: [60, 120] },
        { id: 'C', parent: 'B', at: [90, 120] },
      ]),
    ).toEqual(['A 0-60', 'B 60-80']);
  });

  it('treats zero-duration spans as instants and skips empty sections', () => {
    expect(
      pathOf([
        { id: 'A', at: [0, 100] },
        { id: 'Z', parent: 'A', at: [50, 50] },
      ]),
    ).toEqual(['A 0-50', 'A 50-100']);
    expect(pathOf([{ id: 'A', at: [10, 10] }])).toEqual([]);
  });

  it('returns nothing for an empty trace', () => {
    expect(criticalPath(buildTraceIndex({ traceId: 'x', spans: [], warnings: [] }))).toEqual([]);
  });
});

// Building a million spans takes seconds on a busy CI box: allow for it.
describe('criticalPath at a million spans', { timeout: 120_000 }, () => {
  const N = 1_000_000;

  it('walks a 1M-deep chain without overflowing the stack', () => {
    // Span i runs i..2N-i under span i-1: every level is on the path twice.
    const index = buildTraceIndex(
      buildGeneratedTrace(N, (i) => ({ parent: i - 1, start: i, end: 2 * N - i })),
    );
    const segments = criticalPath(index);
    expectContiguous(index, segments);
    expect(segments.length).toBe(2 * N - 1);
    expect(segments[N - 1]).toEqual({ row: N - 1, startUs: N - 1, endUs: N + 1 });
  });

  it('walks a 1M-wide fan-out of sequential children in n log n', () => {
    // Child i runs 2i+1..2i+2 under a root 0..2N+1: the root owns every gap.
    const index = buildTraceIndex(
      buildGeneratedTrace(N + 1, (i) =>
        i === 0 ? { parent: -1, start: 0, end: 2 * N + 1 } : { parent: 0, start: 2 * i - 1, end: 2 * i },
      ),
    );
    const segments = criticalPath(index);
    expectContiguous(index, segments);
    expect(segments.length).toBe(2 * N + 1);
  });
});
