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
import { cpuMs, gc, measureWithSetup, median, pause, SizeTable, type Timing } from './measure';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000, 1_000_000];

const runsFor = (spans: number) => (spans >= 1_000_000 ? 3 : spans >= 100_000 ? 9 : 21);

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

const rows = new SizeTable();
const record = (label: string, spans: number, value: Timing | string, target?: string) =>
  rows.record(label, spans, value, target);

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
    measureWithSetup(
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
    measureWithSetup(
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
    measureWithSetup(
      runs,
      () => {},
      () => (view = new TreeView(index)),
    ),
  );
  record(
    'collapseAll',
    spans,
    measureWithSetup(
      runs,
      () => view.expandAll(),
      () => view.collapseAll(),
    ),
    '≤ 50',
  );
  record(
    'expandAll',
    spans,
    measureWithSetup(
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
    measureWithSetup(
      runs,
      () => view.expand(big),
      () => view.collapse(big),
    ),
    '≤ 50',
  );
  record(
    'expand biggest subtree',
    spans,
    measureWithSetup(
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
    measureWithSetup(
      runs,
      () => view.expandAll(),
      () => view.collapseOneLevel(),
    ),
    '≤ 50',
  );
  record(
    'expandOneLevel',
    spans,
    measureWithSetup(
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
    measureWithSetup(
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
      measureWithSetup(
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
    measureWithSetup(
      runs,
      () => view.setMatchFilter(null),
      () => view.setMatchFilter(found),
    ),
  );
  record(
    'traceProblems',
    spans,
    measureWithSetup(
      runs,
      () => {},
      () => traceProblems(index),
    ),
  );
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  record('heap used (MB, trace + index)', spans, heapMb.toFixed(0));
  console.log('done');
}

rows.print(SIZES);
