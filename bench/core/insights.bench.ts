/**
 * Trace insights at scale: every detector on the synthetic traces of the trace-view benchmark
 * (src/core/testing/syntheticTrace.ts: batch jobs with thousands of sequential items, RPC trees,
 * ~1% errors, database attributes), at 10k, 100k and 1M spans. The index and the critical path
 * are built once, outside the timings, as the trace worker has them when the Insights panel asks.
 * Run: npx tsx --expose-gc bench/core/insights.bench.ts [span counts…]
 * Prints medians in milliseconds (wall / CPU) and the findings per kind.
 */
import { criticalPath } from '../../src/core/criticalPath/criticalPath';
import { detectContention } from '../../src/core/insights/contention';
import { detectInsights } from '../../src/core/insights/detectInsights';
import { detectErrors } from '../../src/core/insights/errors';
import { detectGaps } from '../../src/core/insights/gaps';
import { DEFAULT_THRESHOLDS, INSIGHT_KINDS } from '../../src/core/insights/insight';
import { InsightContext } from '../../src/core/insights/insightContext';
import { detectNPlusOne } from '../../src/core/insights/nPlusOne';
import { siblingGroups } from '../../src/core/insights/siblingGroups';
import { detectStaircases } from '../../src/core/insights/staircase';
import { syntheticTrace } from '../../src/core/testing/syntheticTrace';
import { buildTraceIndex } from '../../src/core/tree/traceIndex';
import { measure, SizeTable, type Timing } from './measure';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000, 1_000_000];
const runsFor = (spans: number) => (spans >= 1_000_000 ? 5 : spans >= 100_000 ? 9 : 21);
const rows = new SizeTable();
const record = (label: string, spans: number, value: Timing | string, target?: string) =>
  rows.record(label, spans, value, target);

for (const spans of SIZES) {
  const runs = runsFor(spans);
  process.stdout.write(`${spans.toLocaleString('en-US')} spans: generating and indexing… `);
  const index = buildTraceIndex(syntheticTrace(spans));
  const critical = criticalPath(index);
  process.stdout.write('measuring… ');

  record(
    'detectInsights (all detectors)',
    spans,
    measure(runs, () => detectInsights(index, critical)),
    '≤ 100',
  );
  const ctx = new InsightContext(index, critical);
  record(
    '  context (critical path by time)',
    spans,
    measure(runs, () => new InsightContext(index, critical)),
  );
  const groups = siblingGroups(index, DEFAULT_THRESHOLDS.minSequentialCalls);
  record(
    '  sibling groups',
    spans,
    measure(runs, () => siblingGroups(index, 3)),
  );
  record(
    '  staircases',
    spans,
    measure(runs, () => detectStaircases(ctx, groups)),
  );
  record(
    '  N+1 calls',
    spans,
    measure(runs, () => detectNPlusOne(ctx, groups)),
  );
  const contention = detectContention(ctx);
  record(
    '  contention (queues, lock waits)',
    spans,
    measure(runs, () => detectContention(ctx)),
  );
  record(
    '  error origin and retries',
    spans,
    measure(runs, () => detectErrors(ctx)),
  );
  record(
    '  gaps',
    spans,
    measure(runs, () => detectGaps(ctx, contention.explained)),
  );
  const found = detectInsights(index, critical);
  for (const kind of INSIGHT_KINDS) {
    record(`  findings: ${kind}`, spans, String(found.filter((i) => i.kind === kind).length));
  }
  console.log('done');
}

rows.print(SIZES);
