/** The trace views' worker analyses, run on a loaded session as the page asks for them. */
import { describe, expect, it } from 'vitest';
import { dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import { badTrace } from '../../features/trace/testing/badTrace';
import { TraceSession } from '../traceSession';
import type { JsonOutline } from './jsonAnalysis';
import type { SpanOrder } from './spanOrderAnalysis';
import type { EventTexts } from './eventTextsAnalysis';

function open(trace: unknown) {
  const session = new TraceSession();
  const bytes = new TextEncoder().encode(JSON.stringify({ data: [trace] }));
  const skeleton = session.load(bytes, 'http://backend/api/traces/x', () => {});
  const analyse = <T>(name: string, params: unknown) => session.analyse(name, params).result as T;
  return { session, skeleton, bytes, analyse };
}

describe('view analyses', () => {
  it('filters and sorts the spans table, keeping unfiltered sorts for the next keystroke', () => {
    const { analyse, skeleton } = open(dispatchTrace);
    const order = (params: object) =>
      analyse<SpanOrder>('spanOrder', {
        sort: { column: 'start' },
        descending: false,
        filter: '',
        services: null,
        errorsOnly: false,
        ...params,
      });
    expect(Array.from(order({}).rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const driver = skeleton.services.indexOf('driver');
    const byDuration = order({ sort: { column: 'duration' }, descending: true, services: [driver] });
    expect(Array.from(byDuration.rows, (r) => skeleton.operations[skeleton.operation[r]])).toEqual([
      'driver.DriverService/FindNearest',
      'GetDriver',
      'FindDriverIDs',
    ]);
    expect(order({ filter: '>100ms kind:client' }).rows).toHaveLength(3);
    expect(order({ filter: '>100ms', errorsOnly: true }).rows).toHaveLength(0);
    expect(order({ filter: 'is:nothing' }).filterError).toMatch(/Unknown filter/);
    // The transferred answer is a copy: asking again gives the same rows.
    expect(Array.from(order({}).rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('numbers events like the skeleton, gives their text and searches it', () => {
    const { analyse, skeleton } = open(badTrace());
    expect(skeleton.eventTimesUs).toHaveLength(1);
    const row = skeleton.eventOffsets.findIndex((offset, r) => skeleton.eventOffsets[r + 1] > offset);
    const texts = analyse<EventTexts>('eventTexts', { rows: [row, 99], indexes: [0, 0] });
    expect(texts).toEqual({ names: ['checkpoint', ''], attributes: ['rows=1000', ''] });
    expect(Array.from(analyse<Int32Array>('eventSearch', { text: 'Checkpoint' }))).toEqual([0]);
    expect(Array.from(analyse<Int32Array>('eventSearch', { text: 'batch-job' }))).toEqual([0]);
    expect(analyse<Int32Array>('eventSearch', { text: 'nowhere' })).toHaveLength(0);
  });

  it('indexes JSON a slice per request until complete, lines final as they come', () => {
    const { analyse, bytes } = open(badTrace());
    const outlines: JsonOutline[] = [];
    do outlines.push(analyse<JsonOutline>('jsonOutline', { source: 'received' }));
    while (!outlines[outlines.length - 1].complete);
    expect(outlines[0].complete).toBe(false);
    // The first slice stops after 1 MB, or after the string that crosses it (a 10 MB attribute).
    expect(outlines[0].indexedBytes).toBeGreaterThanOrEqual(1 << 20);
    expect(outlines.length).toBeGreaterThan(1);
    expect(outlines[outlines.length - 1]).toMatchObject({
      byteLength: bytes.length,
      indexedBytes: bytes.length,
    });
    const first = analyse<{ text: string }[]>('jsonLines', { source: 'received', from: 0, to: 3 });
    expect(first.map((l) => l.text)).toEqual(['{', '"data": [', '{']);
    const copy = analyse<Uint8Array>('jsonBytes', { source: 'received' });
    // Not toEqual / not.toBe: both compare 10 MB element by element, which takes minutes.
    expect(copy.length).toBe(bytes.length);
    expect(copy.every((b, i) => b === bytes[i])).toBe(true);
    expect(copy === bytes).toBe(false);
  });

  it('writes the trace back as Jaeger and OTLP JSON', () => {
    const { analyse } = open(dispatchTrace);
    for (const source of ['jaeger', 'otlp'] as const) {
      let outline: JsonOutline;
      do outline = analyse<JsonOutline>('jsonOutline', { source });
      while (!outline.complete);
      const body = JSON.parse(new TextDecoder().decode(analyse<Uint8Array>('jsonBytes', { source })));
      if (source === 'jaeger') expect(body.data[0].spans).toHaveLength(8);
      else {
        const spans = (body.resourceSpans as { scopeSpans: { spans: unknown[] }[] }[]).flatMap((r) =>
          r.scopeSpans.flatMap((s) => s.spans),
        );
        expect(spans).toHaveLength(8);
      }
    }
  });
});
