/**
 * The trace page at scale: indexing, critical path, collapse/expand, filters, find and trace
 * problems on synthetic traces of 10k, 100k and 1M spans (src/core/testing/syntheticTrace.ts).
 * Run: npx tsx --expose-gc bench/core/traceView.bench.ts [span counts…]
 * Prints medians of several runs per operation, in milliseconds: wall time, and the process's
 * CPU time, which stays meaningful when other work competes for the cores (it includes the
 * GC's helper threads). Next to them, the 100k targets (Jaeger UI freezes collapsing ~80k
 * spans and overflows the stack on critical paths of ~10k).
 */
import { performance } from 'node:perf_hooks';
import { criticalPath } from '../../src/core/criticalPath/criticalPath';
import { findSpans, parseFindQuery, type FindQuery } from '../../src/core/search/findInTrace';
import { syntheticTrace } from '../../src/core/testing/syntheticTrace';
import { traceProblems } from '../../src/core/trace/traceWarnings';
import { buildTraceIndex, type TraceIndex } from '../../src/core/tree/traceIndex';
import { TreeView } from '../../src/core/tree/treeView';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000, 1_000_000];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('Run with --expose-gc (npx tsx --expose-gc …) for steadier numbers.');

const runsFor = (spans: number) => (spans >= 1_000_000 ? 3 : spans >= 100_000 ? 9 : 21);

interface Timing {
  /** Median wall time. */
  median: number;
  /** Median CPU time of this process: steadier than wall time on a shared, busy machine. */
  cpu: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Blocks the thread, so that the GC's background sweeping finishes outside the timings. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Wall time of `fn` over several runs, `setup` (untimed) before each. One full GC and a pause
 * come first, plus a warm-up run; a GC before every run would leave sweeping work to the runs.
 */
function measure(runs: number, setup: () => void, fn: () => void): Timing {
  gc?.();
  pause(50);
  setup();
  fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    fn();
    cpu.push(cpuMs(startedCpu));
    times.push(performance.now() - started);
  }
  return { median: median(times), cpu: median(cpu) };
}

const ms = (t: number) => t.toFixed(t < 10 ? 2 : t < 100 ? 1 : 0);

function query(text: string): FindQuery {
  const parsed = parseFindQuery(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.query;
}

/** The biggest subtree below the root: a batch job, the worst case for one collapse. */
function biggestSubtree(index: TraceIndex): number {
  let best = -1;
  for (let row = 0; row < index.spans.length; row++) {
    if (index.parent[row] < 0) continue;
    if (best < 0 || index.subtreeEnd[row] - row > index.subtreeEnd[best] - best) best = row;
  }
  return best;
}

const FINDS: [label: string, text: string][] = [
  ['find: text in attribute values', 'cust-4217'],
  ['find: text in operation names', 'checkout'],
  ['find: attribute key=value', 'http.status_code=503'],
  ['find: duration >5ms', '>5ms'],
  ['find: service:payment error', 'service:payment error'],
];

type Row = { label: string; target?: string; values: Map<number, string> };
const rows: Row[] = [];
function record(label: string, spans: number, value: Timing | string, target?: string): void {
  let row = rows.find((r) => r.label === label);
  if (!row) rows.push((row = { label, target, values: new Map() }));
  row.values.set(spans, typeof value === 'string' ? value : `${ms(value.median)} / ${ms(value.cpu)}`);
}

for (const spans of SIZES) {
  const runs = runsFor(spans);
  process.stdout.write(`${spans.toLocaleString('en-US')} spans: generating… `);
  const started = performance.now();
  const trace = syntheticTrace(spans);
  process.stdout.write(`${(performance.now() - started).toFixed(0)} ms; measuring… `);
  gc?.();

  let index = buildTraceIndex(trace);
  record(
    'buildTraceIndex',
    spans,
    measure(
      runs,
      () => {},
      () => (index = buildTraceIndex(trace)),
    ),
  );
  record(
    '  max depth / biggest fan-out',
    spans,
    `${index.maxDepth} / ${index.childCount.reduce((a, b) => Math.max(a, b), 0)}`,
  );
  let segments = 0;
  record(
    'criticalPath',
    spans,
    measure(
      runs,
      () => {},
      () => (segments = criticalPath(index).length),
    ),
    'computed',
  );
  record('  critical path segments', spans, String(segments));

  let view = new TreeView(index);
  record(
    'new TreeView',
    spans,
    measure(
      runs,
      () => {},
      () => (view = new TreeView(index)),
    ),
  );
  record(
    'collapseAll',
    spans,
    measure(
      runs,
      () => view.expandAll(),
      () => view.collapseAll(),
    ),
    '≤ 50',
  );
  record(
    'expandAll',
    spans,
    measure(
      runs,
      () => view.collapseAll(),
      () => view.expandAll(),
    ),
    '≤ 50',
  );
  const big = biggestSubtree(index);
  const bigSize = index.subtreeEnd[big] - big;
  record('  biggest subtree (spans)', spans, String(bigSize));
  view.expandAll();
  record(
    'collapse biggest subtree',
    spans,
    measure(
      runs,
      () => view.expand(big),
      () => view.collapse(big),
    ),
    '≤ 50',
  );
  record(
    'expand biggest subtree',
    spans,
    measure(
      runs,
      () => view.collapse(big),
      () => view.expand(big),
    ),
    '≤ 50',
  );
  view.expandAll();
  record(
    'collapseOneLevel',
    spans,
    measure(
      runs,
      () => view.expandAll(),
      () => view.collapseOneLevel(),
    ),
    '≤ 50',
  );
  record(
    'expandOneLevel',
    spans,
    measure(
      runs,
      () => view.collapseAll(),
      () => view.expandOneLevel(),
    ),
    '≤ 50',
  );
  view.expandAll();
  record(
    'hide one service',
    spans,
    measure(
      runs,
      () => view.setHiddenServices([]),
      () => view.setHiddenServices([1]),
    ),
  );
  view.setHiddenServices([]);

  // The first attribute or text search on a trace also builds its search tables.
  const cold = (text: string) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      index = buildTraceIndex(trace);
      gc?.();
      pause(50);
      const begun = performance.now();
      const begunCpu = process.cpuUsage();
      findSpans(index, query(text));
      cpu.push(cpuMs(begunCpu));
      times.push(performance.now() - begun);
    }
    return { median: median(times), cpu: median(cpu) };
  };
  record('find (first text search on a trace)', spans, cold('checkout'), '≤ 100');
  view = new TreeView(index);
  let matches: Int32Array = new Int32Array(0);
  for (const [label, text] of FINDS) {
    const q = query(text);
    record(
      label,
      spans,
      measure(
        runs,
        () => {},
        () => (matches = findSpans(index, q)),
      ),
      '≤ 100',
    );
    record(`  matches for ${text}`, spans, String(matches.length));
  }
  const found = findSpans(index, query('cust-4217'));
  record(
    'show matches only',
    spans,
    measure(
      runs,
      () => view.setMatchFilter(null),
      () => view.setMatchFilter(found),
    ),
  );
  record(
    'traceProblems',
    spans,
    measure(
      runs,
      () => {},
      () => traceProblems(index),
    ),
  );
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  record('heap used (MB, trace + index)', spans, heapMb.toFixed(0));
  console.log('done');
}

const header = [
  'operation: wall / CPU ms (medians)',
  ...SIZES.map((s) => s.toLocaleString('en-US')),
  'target @100k',
];
const table = rows.map((r) => [r.label, ...SIZES.map((s) => r.values.get(s) ?? ''), r.target ?? '']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const t of table) console.log(line(t));
