import { describe, expect, it } from 'vitest';
import { markSpansContaining, PossibleStarts, SpansUnlikeTheirBytes } from './byteFind';
import { scannedTrace } from './testing/scannedTrace';
import { utf8 } from './utf8';

const encode = (text: string) => new TextEncoder().encode(text);

describe('byte search for find in trace', () => {
  const { ranges } = scannedTrace();
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

  it('tells about what share of the spans hold a text from a sample', () => {
    const sampled = new SpansUnlikeTheirBytes(ranges);
    expect(sampled.shareHolding('cust')).toBe(1);
    expect(sampled.shareHolding('no such words')).toBe(0);
    const hit = sampled.holding('cust-1');
    const share = hit.reduce((sum, h) => sum + h, 0) / hit.length;
    expect(Math.abs(sampled.shareHolding('cust-1') - share)).toBeLessThan(0.1);
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
});
