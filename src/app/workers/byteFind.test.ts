import { describe, expect, it } from 'vitest';
import type { JaegerKeyValue } from '../../core/jaeger/jaegerJson';
import { scanJaegerResponse } from '../../core/jaeger/scanJaegerResponse';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { findSpans, parseFindQuery } from '../../core/search/findInTrace';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { buildTraceIndex } from '../../core/tree/traceIndex';
import {
  candidateSpans,
  indexForCandidates,
  markSpansContaining,
  SpansUnlikeTheirBytes,
  type SpanByteRanges,
} from './byteFind';
import { utf8 } from './utf8';

const encode = (text: string) => new TextEncoder().encode(text);

/** A scanned synthetic trace whose first spans carry values written with escapes, capitals and non-ASCII. */
function scannedTrace() {
  const jaeger = toJaegerTrace(syntheticTrace(3_000, 7).spans);
  const tricky: JaegerKeyValue[] = [
    { key: 'note', type: 'string', value: 'Quoted "cust-42" here' },
    { key: 'path', type: 'string', value: 'A/B/Cust-42' },
    { key: 'İnvoice', type: 'string', value: 'KELVIN' },
  ];
  jaeger.spans[0] = { ...jaeger.spans[0], tags: [...(jaeger.spans[0].tags ?? []), tricky[0]] };
  jaeger.spans[1] = { ...jaeger.spans[1], tags: [...(jaeger.spans[1].tags ?? []), tricky[1]] };
  jaeger.spans[2] = { ...jaeger.spans[2], tags: [...(jaeger.spans[2].tags ?? []), tricky[2]] };
  // Escape a slash the way some encoders do, so the bytes read `A\/B`.
  const body = encode(JSON.stringify({ data: [jaeger] }).replace('A/B/Cust-42', 'A\\/B\\/Cust-42'));
  const scanned = scanJaegerResponse(body, utf8);
  if (!scanned) throw new Error('the scan did not read the test trace');
  const index = buildTraceIndex(scanned.trace, scanned);
  const ranges: SpanByteRanges = { bytes: body, ...scanned.spanBytes };
  return { index, ranges };
}

describe('byte search for find in trace', () => {
  const { index, ranges } = scannedTrace();
  const unlikeSpans = new SpansUnlikeTheirBytes(ranges);
  // In slices, as the worker finds them in the background.
  while (unlikeSpans.advance(700));
  const unlike = unlikeSpans.all();

  it('marks the spans whose JSON holds a text, with or without case', () => {
    const hit = new Uint8Array(ranges.from.length);
    markSpansContaining(ranges, encode('cust-42'), true, hit);
    const text = (i: number) => utf8(ranges.bytes.subarray(ranges.from[i], ranges.to[i])).toLowerCase();
    for (let i = 0; i < hit.length; i++) expect(hit[i] === 1, `span ${i}`).toBe(text(i).includes('cust-42'));
    const exact = new Uint8Array(ranges.from.length);
    markSpansContaining(ranges, encode('Cust-42'), false, exact);
    expect(Array.from(exact).filter((h) => h === 1).length).toBe(1);
  });

  it('always keeps spans written with escapes or letters that lower-case to ASCII', () => {
    expect(unlike[0]).toBe(1);
    expect(unlike[1]).toBe(1);
    expect(unlike[2]).toBe(1);
    expect(unlike.reduce((sum, u) => sum + u, 0)).toBe(3);
  });

  it.each([
    'cust-42',
    'CUST-4',
    'a/b/cust',
    'kelvin',
    'invoice',
    'checkout',
    'customer_id=cust-42',
    'http.status_code=503',
    'error cust-1',
    '>1ms cust-7',
    'service.name=checkout',
  ])('answers %s exactly as the full tables do', (text) => {
    const parsed = parseFindQuery(text);
    if ('error' in parsed) throw new Error(parsed.error);
    const candidates = candidateSpans(parsed.query, unlikeSpans);
    expect(candidates).not.toBeNull();
    const narrowed = findSpans(indexForCandidates(index, candidates ?? new Uint8Array(0)), parsed.query);
    expect(Array.from(narrowed)).toEqual(Array.from(findSpans(index, parsed.query)));
  });

  it('a span ID prefix matches spans whose JSON is not a candidate', () => {
    const id = index.spans[10].spanId.slice(0, 6);
    const parsed = parseFindQuery(id);
    if ('error' in parsed) throw new Error(parsed.error);
    const candidates = candidateSpans(parsed.query, unlikeSpans) ?? new Uint8Array(0);
    expect(Array.from(findSpans(indexForCandidates(index, candidates), parsed.query))).toContain(10);
  });

  it('leaves queries without text, and texts it cannot narrow, to the general path', () => {
    for (const text of ['error', '>5ms', 'naïve', 'note=']) {
      const parsed = parseFindQuery(text);
      if ('error' in parsed) throw new Error(parsed.error);
      expect(candidateSpans(parsed.query, unlikeSpans), text).toBeNull();
    }
  });
});
