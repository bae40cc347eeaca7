/**
 * Trace comparison at scale: what the compare worker does with two responses of 10k and 100k
 * spans each (synthetic traces of src/core/testing/syntheticTrace.ts with different seeds, so
 * the call trees differ), step by step: reading the Jaeger JSON (the byte scan the trace page
 * uses, and JSON.parse with the general decoder for comparison), indexing, and the diff itself.
 * Run: npm run bench -- diff   (or npx tsx --expose-gc bench/core/diff.bench.ts [span counts…])
 * Prints medians in milliseconds, wall / CPU. Target: a 2×100k comparison in a few seconds.
 */
import { diffTraces } from '../../src/core/diff/traceDiff';
import { tracesFromJaegerResponse } from '../../src/core/jaeger/fromJaegerJson';
import { envelope } from '../../src/core/jaeger/jaegerJson';
import { scanJaegerResponse } from '../../src/core/jaeger/scanJaegerResponse';
import { toJaegerTrace } from '../../src/core/jaeger/toJaegerJson';
import type { Trace } from '../../src/core/model/trace';
import { syntheticTrace } from '../../src/core/testing/syntheticTrace';
import { buildTraceIndex, type TraceIndex } from '../../src/core/tree/traceIndex';
import { measure, wallCpu } from './measure';

const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 100_000];
const runsFor = (spans: number) => (spans >= 100_000 ? 5 : 15);
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const measureMs = (runs: number, fn: () => void) => wallCpu(measure(runs, fn));

function responseOf(trace: Trace): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(envelope([toJaegerTrace(trace.spans, trace.warnings)])));
}

/** The compare worker's reading of one response: the byte scan, or the general decoder. */
function indexByScan(bytes: Uint8Array): TraceIndex {
  const scanned = scanJaegerResponse(bytes, utf8);
  if (!scanned) throw new Error('the benchmark response should take the byte scan');
  return buildTraceIndex(scanned.trace, scanned);
}
function indexByJsonParse(bytes: Uint8Array): TraceIndex {
  return buildTraceIndex(tracesFromJaegerResponse(JSON.parse(utf8(bytes)))[0]);
}

const rows: Record<string, Record<string, string>> = {};
const record = (step: string, spans: number, value: string) => {
  rows[step] ??= {};
  rows[step][`${spans.toLocaleString('en-US')} + ${spans.toLocaleString('en-US')} spans`] = value;
};

for (const spans of SIZES) {
  const runs = runsFor(spans);
  process.stdout.write(`${spans.toLocaleString('en-US')} spans each: generating… `);
  const bodyA = responseOf(syntheticTrace(spans, 1));
  const bodyB = responseOf(syntheticTrace(spans, 2));
  console.log(
    `${((bodyA.length + bodyB.length) / 1e6).toFixed(0)} MB of JSON; measuring ${runs} runs per step`,
  );

  record(
    'read + index A (byte scan)',
    spans,
    measureMs(runs, () => indexByScan(bodyA)),
  );
  record(
    'read + index A (JSON.parse)',
    spans,
    measureMs(Math.min(runs, 3), () => indexByJsonParse(bodyA)),
  );
  const a = indexByScan(bodyA);
  const b = indexByScan(bodyB);
  record(
    'diff (align, self time, critical paths)',
    spans,
    measureMs(runs, () => diffTraces(a, b)),
  );
  record(
    'whole comparison (scan both, diff)',
    spans,
    measureMs(Math.min(runs, 3), () => diffTraces(indexByScan(bodyA), indexByScan(bodyB))),
  );
  const diff = diffTraces(a, b);
  console.log(`  aligned nodes: ${diff.size.toLocaleString('en-US')}`);
}

console.log('\nMedian ms, wall / CPU (target: whole 2×100k comparison ≤ a few seconds)');
console.table(rows);
console.log(
  `load average: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
