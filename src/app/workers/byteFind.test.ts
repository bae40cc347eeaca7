import { describe, expect, it } from 'vitest';
import type { JaegerKeyValue } from '../../core/jaeger/jaegerJson';
import { scanJaegerResponse } from '../../core/jaeger/scanJaegerResponse';
import { toJaegerTrace } from '../../core/jaeger/toJaegerJson';
import { findSpans, parseFindQuery } from '../../core/search/findInTrace';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { buildTraceIndex } from '../../core/tree/traceIndex';
import { markSpansContaining, PossibleStarts, SpansUnlikeTheirBytes, type SpanByteRanges } from './byteFind';
import { candidateSpans, dropSpansMatchedByName, indexForCandidates } from './findCandidates';
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

  it('finds those spans wherever the sequences fall against word and span boundaries', () => {
    const sequences = [[0x5c], [0xc4, 0xb0], [0xe2, 0x84, 0xaa], [0xc4], [0xe2, 0x84], [0xb0]];
    let seed = 5;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 40; round++) {
      const body: number[] = [];
      const from: number[] = [];
      const to: number[] = [];
      for (let span = 0; span < 30; span++) {
        for (let gap = random(3); gap > 0; gap--) body.push(0x2c);
        from.push(body.length);
        for (let k = random(12); k > 0; k--) {
          if (random(6) === 0) body.push(...sequences[random(sequences.length)]);
          else body.push(0x61 + random(26));
        }
        to.push(body.length);
      }
      // A view at every alignment, as a piece of a larger buffer can be.
      const offset = round % 4;
      const whole = new Uint8Array(body.length + offset);
      whole.set(body, offset);
      const ranges = {
        bytes: whole.subarray(offset),
        from: Float64Array.from(from),
        to: Float64Array.from(to),
      };
      const expected = new Uint8Array(from.length);
      for (const sequence of sequences.slice(0, 3))
        markSpansContaining(ranges, Uint8Array.from(sequence), false, expected);
      const found = new SpansUnlikeTheirBytes(ranges);
      while (found.advance(1 + random(7)));
      expect(Array.from(found.all()), `round ${round}`).toEqual(Array.from(expected));
      // The same from where the sequences may start, gathered as the body arrived in pieces.
      const starts = new PossibleStarts();
      for (let at = 0; at < body.length;) {
        at = Math.min(body.length, at + 1 + random(9));
        starts.add(ranges.bytes.subarray(0, at));
      }
      const gathered = new SpansUnlikeTheirBytes(ranges, starts.all());
      while (gathered.advance(1 + random(7)));
      expect(Array.from(gathered.all()), `round ${round}, gathered`).toEqual(Array.from(expected));
    }
  });

  it('gathers nothing from pieces too short for a word, wherever they sit in their buffer', () => {
    const buffer = new Uint8Array([0x61, 0x5c, 0x62, 0x63, 0x64, 0xe2]);
    const starts = new PossibleStarts();
    starts.add(buffer.subarray(5, 5));
    starts.add(buffer.subarray(1, 1));
    expect(Array.from(starts.all())).toEqual([]);
    starts.add(buffer.subarray(1, 3));
    expect(Array.from(starts.all())).toEqual([0]);
  });

  it('finds as you type the spans a fresh search over the whole response finds', () => {
    const typing = new SpansUnlikeTheirBytes(ranges);
    const typed = [
      'c',
      'cu',
      'cust',
      'cust-',
      'cust-4',
      'cust-42',
      'ust-4',
      'cust-42',
      'a/b/c',
      'a/b/cust-42',
    ];
    for (const text of typed) {
      const fresh = new SpansUnlikeTheirBytes(ranges).holding(text);
      expect(Array.from(typing.holding(text)), text).toEqual(Array.from(fresh));
    }
    // The escaped span holds `a/b/cust-42` only once decoded: it stays a candidate throughout.
    expect(typing.holding('a/b/cust-42')[1]).toBe(1);
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
    if (!candidates) throw new Error('no candidates');
    const full = Array.from(findSpans(index, parsed.query));
    const narrowed = findSpans(indexForCandidates(index, candidates), parsed.query);
    expect(Array.from(narrowed)).toEqual(full);
    // Nor does leaving out what the names already match change the answer.
    dropSpansMatchedByName(index, parsed.query, candidates);
    expect(Array.from(findSpans(indexForCandidates(index, candidates), parsed.query))).toEqual(full);
  });

  it('decodes none of the spans a text term matches by operation or service name', () => {
    const count = (a: Uint8Array) => a.reduce((sum, x) => sum + x, 0);
    for (const text of ['checkout', '/checkout/op-1', 'pay', 'get /']) {
      const parsed = parseFindQuery(text);
      if ('error' in parsed) throw new Error(parsed.error);
      const candidates = candidateSpans(parsed.query, unlikeSpans);
      if (!candidates) throw new Error('no candidates');
      const before = count(candidates);
      dropSpansMatchedByName(index, parsed.query, candidates);
      expect(count(candidates), text).toBeLessThan(before);
      for (let row = 0; row < index.spanCount; row++) {
        const name = `${index.operations[index.operation[row]]} ${index.services[index.service[row]]}`;
        if (candidates[index.inputIndex[row]] === 1) expect(name.toLowerCase()).not.toContain(text);
      }
    }
    // An attribute term needs the attributes of every span that may hold it.
    const parsed = parseFindQuery('checkout http.method=GET');
    if ('error' in parsed) throw new Error(parsed.error);
    const candidates = candidateSpans(parsed.query, unlikeSpans) ?? new Uint8Array(0);
    const before = count(candidates);
    dropSpansMatchedByName(index, parsed.query, candidates);
    expect(count(candidates)).toBe(before);
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
