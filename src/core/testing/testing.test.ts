import { describe, expect, it } from 'vitest';
import { buildTraceIndex } from '../tree/traceIndex';
import { syntheticTrace } from './syntheticTrace';
import { buildGeneratedTrace, buildTrace, spanIdOf } from './traceBuilder';

describe('traceBuilder', () => {
  it('derives stable span IDs from short names', () => {
    expect(spanIdOf('A')).toBe('0000000000000041');
    expect(spanIdOf('s12')).toBe('0000000000733132');
    expect(() => spanIdOf('much too long')).toThrow(/longer than 8/);
  });

  it('builds spans with parents, kinds, errors, attributes, events and shared resources', () => {
    const trace = buildTrace([
      {
        id: 'A',
        at: [0, 1.5],
        service: 'web',
        kind: 'server',
        attributes: { n: 1, f: 0.5, b: true, s: 'x' },
      },
      { id: 'B', parent: 'A', at: [1, 2], service: 'web', error: true, events: [{ name: 'boom' }] },
      { id: 'C', parent: 'A', at: [1, 2], followsFrom: true },
    ]);
    const [a, b, c] = trace.spans;
    expect(b.parentSpanId).toBe(a.spanId);
    expect(a.endTimeUnixNano - a.startTimeUnixNano).toBe(1500n);
    expect(a.kind).toBe(2);
    expect(a.attributes.map((x) => x.type)).toEqual(['int64', 'float64', 'bool', 'string']);
    expect(b.status.code).toBe(2);
    expect(b.events[0].name).toBe('boom');
    expect(b.resource).toBe(a.resource);
    expect(c.links[0].spanId).toBe(a.spanId);
  });

  it('builds large traces from a function of the span number', () => {
    const trace = buildGeneratedTrace(3, (i) => ({ parent: i - 1, start: i, end: 10 - i }));
    expect(trace.spans.map((s) => s.parentSpanId === '')).toEqual([true, false, false]);
    expect(trace.spans[2].parentSpanId).toBe(trace.spans[1].spanId);
  });
});

describe('syntheticTrace', () => {
  const index = buildTraceIndex(syntheticTrace(10_000, 7));

  it('has the requested size and the shape of a real batch-job trace', () => {
    expect(index.spans.length).toBe(10_000);
    expect(index.services.length).toBe(20);
    expect(index.operations.length).toBeLessThanOrEqual(100);
    expect(index.maxDepth).toBe(12);
    expect(index.childCount.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(1000);
    expect(index.orphanCount + index.duplicateSpanIdCount + index.cycleSpanCount).toBe(0);
  });

  it('has 3–8 attributes per span, events on about 10% and errors on about 1%', () => {
    const attributes = index.spans.map((s) => s.attributes.length);
    expect(Math.min(...attributes)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...attributes)).toBeLessThanOrEqual(8);
    const withEvents = index.spans.filter((s) => s.events.length > 0).length;
    expect(withEvents / 10_000).toBeGreaterThan(0.07);
    expect(withEvents / 10_000).toBeLessThan(0.13);
    expect(index.errorCount / 10_000).toBeGreaterThan(0.005);
    expect(index.errorCount / 10_000).toBeLessThan(0.02);
  });

  it('is deterministic for a seed', () => {
    expect(syntheticTrace(100, 3)).toEqual(syntheticTrace(100, 3));
  });
});
