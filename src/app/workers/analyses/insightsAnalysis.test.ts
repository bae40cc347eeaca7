import { describe, expect, it } from 'vitest';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { buildTrace, type SpanSpec } from '../../../core/testing/traceBuilder';
import { TraceSession } from '../traceSession';
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

function session(): TraceSession {
  const s = new TraceSession();
  const body = JSON.stringify({ data: [toJaegerTrace(buildTrace(specs).spans)] });
  s.load(new TextEncoder().encode(body), 'http://backend/api/traces/x', () => {});
  return s;
}

describe('insights analysis', () => {
  it('answers the trace’s findings with their rows ready to transfer, as often as asked', () => {
    const s = session();
    const first = s.analyse('insights', {});
    const { insights } = first.result as TraceInsights;
    expect(insights.map((i) => i.kind)).toEqual(['staircase']);
    expect(Array.from(insights[0].rows)).toEqual([1, 2, 3, 4]);
    expect(first.transfer).toEqual([insights[0].rows.buffer]);
    // Transferring detaches the buffers it sent: the next answer must carry fresh ones.
    structuredClone(first.result, { transfer: first.transfer });
    const again = (s.analyse('insights', {}).result as TraceInsights).insights;
    expect(Array.from(again[0].rows)).toEqual([1, 2, 3, 4]);
  });
});
