/**
 * A trace with everything that goes wrong in real data, for robustness tests: an orphan, a
 * parent cycle, a duplicate span ID, a child outliving its parent, a child starting before it,
 * a zero duration, a missing process, a 10 MB attribute, JSON and typed attributes, and links
 * to a span in this trace and to another trace.
 */
import type {
  JaegerKeyValue,
  JaegerReference,
  JaegerSpan,
  JaegerTrace,
} from '../../../../core/jaeger/jaegerJson';

export const BAD_TRACE_ID = 'badbadbadbad00000000000000000001';
export const OTHER_TRACE_ID = '0123456789abcdef0123456789abcdef';
export const OTHER_SPAN_ID = 'fedcba9876543210';
const T0 = 1_764_000_000_000_000;
export const HUGE_VALUE_LENGTH = 10_000_000;

const id = (n: number) => `b000000000000${n.toString(16).padStart(3, '0')}`;
const childOf = (parent: string): JaegerReference[] => [
  { refType: 'CHILD_OF', traceID: BAD_TRACE_ID, spanID: parent },
];

function span(
  n: number,
  op: string,
  refs: JaegerReference[],
  at: number,
  duration: number,
  processID: string,
  tags: JaegerKeyValue[] = [],
): JaegerSpan {
  return {
    traceID: BAD_TRACE_ID,
    spanID: id(n),
    operationName: op,
    references: refs,
    startTime: T0 + at,
    duration,
    tags,
    logs: [],
    processID,
    warnings: null,
  };
}

export function badTrace(): JaegerTrace {
  const root = span(1, 'batch-job', [], 0, 1_000_000, 'p1', [
    { key: 'span.kind', type: 'string', value: 'server' },
    { key: 'job.config', type: 'string', value: '{"retries":3,"queues":["a","b"]}' },
    { key: 'job.size', type: 'int64', value: 42 },
    { key: 'job.ratio', type: 'float64', value: 0.25 },
    { key: 'job.dry_run', type: 'bool', value: false },
    { key: 'job.payload', type: 'binary', value: 'aGVsbG8=' },
  ]);
  root.logs = [
    {
      timestamp: T0 + 250_000,
      fields: [
        { key: 'event', type: 'string', value: 'checkpoint' },
        { key: 'rows', type: 'int64', value: 1000 },
      ],
    },
  ];
  const huge = span(2, 'upload-blob', childOf(id(1)), 10_000, 100_000, 'p1', [
    { key: 'blob.content', type: 'string', value: 'x'.repeat(HUGE_VALUE_LENGTH - 3) + 'END' },
  ]);
  const outlives = span(3, 'fire-and-forget', childOf(id(1)), 900_000, 300_000, 'p2');
  const skewed = span(4, 'skewed-child', childOf(id(1)), -5_000, 10_000, 'p2');
  const zero = span(5, 'instant', childOf(id(1)), 500_000, 0, 'p2');
  const orphan = span(6, 'orphan', childOf('deadbeef00000001'), 20_000, 10_000, 'p2');
  const cycleA = span(7, 'cycle-a', childOf(id(8)), 30_000, 10_000, 'p2');
  const cycleB = span(8, 'cycle-b', childOf(id(7)), 31_000, 5_000, 'p2');
  const duplicate = span(9, 'first-with-id', childOf(id(1)), 40_000, 10_000, 'p2');
  const duplicateAgain = {
    ...span(10, 'second-with-id', childOf(id(1)), 50_000, 10_000, 'p2'),
    spanID: id(9),
  };
  const noProcess = span(11, 'no-process', childOf(id(1)), 60_000, 10_000, 'p-missing');
  const linked = span(
    12,
    'linked',
    [
      ...childOf(id(1)),
      { refType: 'FOLLOWS_FROM', traceID: BAD_TRACE_ID, spanID: id(5) },
      { refType: 'FOLLOWS_FROM', traceID: OTHER_TRACE_ID, spanID: OTHER_SPAN_ID },
    ],
    70_000,
    10_000,
    'p1',
  );
  return {
    traceID: BAD_TRACE_ID,
    processes: {
      p1: { serviceName: 'batch', tags: [{ key: 'hostname', type: 'string', value: 'batch-1' }] },
      p2: { serviceName: 'worker', tags: [] },
    },
    warnings: ['clock skew adjustment disabled'],
    spans: [
      root,
      huge,
      outlives,
      skewed,
      zero,
      orphan,
      cycleA,
      cycleB,
      duplicate,
      duplicateAgain,
      noProcess,
      linked,
    ],
  };
}
