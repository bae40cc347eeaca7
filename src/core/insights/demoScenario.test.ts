/**
 * The demo's stories, found by the detectors in traces that went through the real OpenTelemetry
 * SDK, OTLP/protobuf and the server's decoder: the route staircase, customer lookups queueing
 * behind the mysql lock, and retried redis timeouts, each in the traces that have them and in no
 * others. The plans say which traces have which story.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEmitter } from '../../demo/emitter';
import { createOtlpExporter } from '../../demo/exporter';
import { ROUTE_WORKERS } from '../../demo/scenario/catalog';
import type { DispatchPlan } from '../../demo/scenario/model';
import { createDispatchSimulation } from '../../demo/scenario/simulation';
import { startOtlpReceiver, type OtlpReceiver } from '../../demo/testing/otlpReceiver';
import { criticalPath } from '../criticalPath/criticalPath';
import { StatusCode, type Span, type Trace } from '../model/trace';
import { groupByTrace } from '../trace/groupByTrace';
import { buildTraceIndex, type TraceIndex } from '../tree/traceIndex';
import { detectInsights } from './detectInsights';
import type { Insight, InsightKind } from './insight';

const EPOCH_NS = 1_700_000_000_000_000_000n;
const MS = 1_000_000;

interface Story {
  plan: DispatchPlan;
  index: TraceIndex;
  insights: Insight[];
  /** The SQL span's recorded lock wait, 0 when it got the lock at once. */
  lockWaitMs: number;
  lockTimedOut: boolean;
  redisTimeouts: number;
  routeCalls: number;
}

/**
 * Calm requests seconds apart (the lock is free), bursts of five a millisecond apart (each lookup
 * queues behind the previous ones) and one burst of forty (the queue outgrows the lock wait
 * timeout). Distinct start times tell the traces apart.
 */
function arrivals(): number[] {
  const starts: number[] = [];
  for (let b = 0; b < 8; b++) for (let i = 0; i < 5; i++) starts.push((b * 3000 + i) * MS);
  for (let i = 0; i < 20; i++) starts.push((30_000 + i * 3000) * MS);
  for (let i = 0; i < 40; i++) starts.push((100_000 + i) * MS);
  return starts;
}

let receiver: OtlpReceiver;
let stories: Story[];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const emitter = createDemoEmitter({
    exporterFor: () => createOtlpExporter(`${receiver.url}/v1/traces`, 'protobuf'),
    scheduledDelayMillis: 10,
  });
  const simulation = createDispatchSimulation(42);
  const plans = arrivals().map((start) => simulation.planNext(start));
  for (const plan of plans) emitter.emit(plan, EPOCH_NS);
  await emitter.shutdown();
  const traceByRootStart = new Map<bigint, Trace>();
  for (const trace of groupByTrace(receiver.spans)) {
    const root = trace.spans.find((s) => s.parentSpanId === '');
    if (root) traceByRootStart.set(root.startTimeUnixNano, trace);
  }
  stories = plans.map((plan) => {
    const trace = traceByRootStart.get(EPOCH_NS + BigInt(plan.startNs));
    if (!trace) throw new Error(`request ${plan.requestIndex} did not arrive`);
    return storyOf(plan, trace);
  });
}, 60_000);

afterAll(() => receiver?.close());

function storyOf(plan: DispatchPlan, trace: Trace): Story {
  const sql = plan.spans.find((s) => s.name === 'SQL SELECT');
  const wait = sql?.events.find((e) => e.name === 'Waiting for lock');
  const lookup = plan.spans.find((s) => s.name === 'HTTP GET /customer' && s.service === 'customer');
  const index = buildTraceIndex(trace);
  return {
    plan,
    index,
    insights: detectInsights(index, criticalPath(index)),
    lockWaitMs: Number(wait?.attributes['lock.wait.duration_ms'] ?? 0),
    lockTimedOut: lookup?.attributes['error.type'] === 'ER_LOCK_WAIT_TIMEOUT',
    redisTimeouts: plan.spans.filter((s) => s.name === 'GetDriver' && s.status.code === 'error').length,
    routeCalls: plan.spans.filter((s) => s.name === 'HTTP GET /route' && s.service === 'frontend').length,
  };
}

const findings = (story: Story, kind: InsightKind) => story.insights.filter((i) => i.kind === kind);
/** The spans of a finding as `service name`, in display order. */
const spansOf = (story: Story, insight: Insight) =>
  Array.from(
    insight.rows,
    (row) => `${story.index.spans[row].resource.serviceName} ${story.index.spans[row].name}`,
  );
/** Rows of the spans matching `pick`, in display order. */
const rowsWhere = (story: Story, pick: (span: Span) => boolean) =>
  story.index.spans.flatMap((span, row) => (pick(span) ? [row] : []));
const durationMs = (story: Story) => story.plan.durationNs / MS;

describe('insights on the demo scenario', () => {
  it('has traces with and without each story', () => {
    const count = (pick: (s: Story) => boolean) => stories.filter(pick).length;
    expect(count((s) => s.lockWaitMs === 0 && !s.lockTimedOut)).toBeGreaterThan(20);
    expect(count((s) => s.lockWaitMs >= 0.1 * durationMs(s))).toBeGreaterThan(20);
    expect(count((s) => s.lockTimedOut)).toBeGreaterThan(5);
    expect(count((s) => s.redisTimeouts > 0)).toBeGreaterThan(10);
    expect(count((s) => s.redisTimeouts === 0)).toBeGreaterThan(10);
    expect(count((s) => s.routeCalls >= 2 * ROUTE_WORKERS + 1)).toBeGreaterThan(40);
    expect(count((s) => s.routeCalls === 0)).toBeGreaterThan(5);
  });

  it('finds the staircase of route calls wherever the worker pool made one', () => {
    for (const story of stories) {
      const [staircase, ...more] = findings(story, 'staircase');
      expect(more).toEqual([]);
      // Three workers: seven calls or more make at least three steps.
      if (story.routeCalls >= 2 * ROUTE_WORKERS + 1) {
        expect(staircase, `request ${story.plan.requestIndex}`).toBeDefined();
        expect(Array.from(staircase.rows)).toEqual(
          rowsWhere(story, (s) => s.name === 'HTTP GET /route' && s.resource.serviceName === 'frontend'),
        );
        expect(staircase.summary).toContain(`at most ${ROUTE_WORKERS} at a time`);
      }
      if (story.routeCalls === 0) expect(staircase).toBeUndefined();
    }
  });

  it('finds customer lookups that queued behind the mysql lock, and no lock where there was no wait', () => {
    for (const story of stories) {
      const [lock, ...more] = findings(story, 'contention');
      expect(more).toEqual([]);
      const label = `request ${story.plan.requestIndex}, waited ${story.lockWaitMs} ms`;
      if (story.lockTimedOut) {
        expect(spansOf(story, lock), label).toEqual(['customer HTTP GET /customer']);
        expect(lock.summary).toMatch(
          /^customer HTTP GET \/customer waited 1\.5 s for a lock and gave up: Lock wait timeout exceeded/,
        );
      } else if (story.lockWaitMs >= 0.1 * durationMs(story)) {
        expect(spansOf(story, lock), label).toEqual(['customer SQL SELECT']);
        expect(lock.timeAtStakeUs / 1000).toBeCloseTo(story.lockWaitMs, 0);
        expect(lock.summary).toContain('for a lock on mysql customers');
      } else if (story.lockWaitMs === 0) {
        expect(lock, label).toBeUndefined();
      }
      // The wait before the query is the lock's, not uninstrumented time.
      expect(findings(story, 'gap')).toEqual([]);
    }
  });

  it('finds the retried redis timeouts, and the failed lookup as the origin of failed requests', () => {
    for (const story of stories) {
      const label = `request ${story.plan.requestIndex}`;
      const [retried, ...more] = findings(story, 'retried-errors');
      expect(more).toEqual([]);
      if (story.redisTimeouts > 0) {
        expect(Array.from(retried.rows), label).toEqual(
          rowsWhere(story, (s) => s.name === 'GetDriver' && s.status.code === StatusCode.Error),
        );
        expect(retried.summary).toContain('(redis timeout) under driver /driver.DriverService/FindNearest');
      } else {
        expect(retried, label).toBeUndefined();
      }
      const [origin] = findings(story, 'error-origin');
      if (story.lockTimedOut) {
        expect(spansOf(story, origin)).toEqual([
          'frontend HTTP GET /dispatch',
          'frontend HTTP GET /customer',
          'customer HTTP GET /customer',
        ]);
        expect(origin.summary).toContain('The request failed because customer HTTP GET /customer failed');
      } else {
        expect(origin, label).toBeUndefined();
      }
    }
  });
});
