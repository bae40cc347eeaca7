import { describe, expect, it } from 'vitest';
import { traceInsights } from '../../../core/insights/detectInsights';
import { tracesFromJaegerResponse } from '../../../core/jaeger/fromJaegerJson';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { syntheticTrace } from '../../../core/testing/syntheticTrace';
import { buildTrace, type SpanSpec } from '../../../core/testing/traceBuilder';
import { createTraceRequestHandler, type TraceWorkerResponse } from '../traceProtocol';
import { TraceSession } from '../traceSession';
import { UNFINISHED } from './analysis';
import type { TraceInsights } from './insightsAnalysis';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const specs: SpanSpec[] = [
  { id: 'R', name: 'GET /page', service: 'web', kind: 'server', at: ms(0, 100) },
  ...[1, 2, 3, 4].map((n): SpanSpec => ({
    id: `C${n}`,
    parent: 'R',
    name: 'GET /item',
    service: 'web',
    at: ms(n * 20 - 10, n * 20 + 10),
  })),
];

const body = () =>
  new TextEncoder().encode(JSON.stringify({ data: [toJaegerTrace(buildTrace(specs).spans)] }));

function session(): TraceSession {
  const s = new TraceSession();
  s.load(body(), 'http://backend/api/traces/x', () => {});
  return s;
}

/** Asks until the analysis has done all its slices, counting them. */
function analyseToEnd(s: TraceSession): { answer: ReturnType<TraceSession['analyse']>; slices: number } {
  for (let slices = 1; ; slices++) {
    const answer = s.analyse('insights', {});
    if (answer.result !== UNFINISHED) return { answer, slices };
  }
}

describe('insights analysis', () => {
  it('answers the trace’s findings with their rows ready to transfer, as often as asked', () => {
    const s = session();
    const { answer: first, slices } = analyseToEnd(s);
    expect(slices).toBeGreaterThan(1);
    const { insights } = first.result as TraceInsights;
    expect(insights.map((i) => i.kind)).toEqual(['staircase']);
    expect(Array.from(insights[0].rows)).toEqual([1, 2, 3, 4]);
    expect(first.transfer).toEqual([insights[0].rows.buffer]);
    // Transferring detaches the buffers it sent: the next answer must carry fresh ones.
    structuredClone(first.result, { transfer: first.transfer });
    const again = (s.analyse('insights', {}).result as TraceInsights).insights;
    expect(Array.from(again[0].rows)).toEqual([1, 2, 3, 4]);
  });

  it('runs in the background: a view asked for while it is detecting is answered first', async () => {
    const answers: TraceWorkerResponse[] = [];
    const handle = createTraceRequestHandler((message) => answers.push(message));
    handle({ type: 'load', bytes: body(), sourceUrl: 'http://backend/api/traces/x' });
    handle({ type: 'analyse', requestId: 1, name: 'insights', params: {} });
    // Queued after insights, in the same turn: the page's load request and a very early click.
    handle({ type: 'analyse', requestId: 2, name: 'flame', params: {} });
    await expect.poll(() => answers.filter((a) => a.type === 'analysed').length).toBe(2);
    const order = answers.flatMap((a) => (a.type === 'analysed' ? [a.requestId] : []));
    expect(order).toEqual([2, 1]);
  });

  it('finds on lazily decoded spans, a slice at a time, what one run finds on the decoded trace', () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ data: [toJaegerTrace(syntheticTrace(20_000, 5).spans)] }),
    );
    const s = new TraceSession();
    s.load(bytes, 'http://backend/api/traces/x', () => {});
    const { answer, slices } = analyseToEnd(s);
    // One slice per detector at least.
    expect(slices).toBeGreaterThanOrEqual(6);
    const [decoded] = tracesFromJaegerResponse(JSON.parse(new TextDecoder().decode(bytes)));
    const once = traceInsights(decoded);
    expect(once.length).toBeGreaterThan(0);
    expect((answer.result as TraceInsights).insights).toEqual(once);
  });
});
