import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexJsonLines, JsonLineIndexer, jsonLineRange } from './jsonLines';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** The whole document as the line index renders it, indented like JSON.stringify(v, null, 2). */
function pretty(text: string, maxChars = 1_000_000): string {
  const bytes = bytesOf(text);
  const lines = indexJsonLines(bytes);
  return jsonLineRange(bytes, lines, 0, lines.count, maxChars)
    .map((l) => '  '.repeat(l.depth) + l.text)
    .join('\n');
}

describe('indexJsonLines', () => {
  it('lays out a compact document like JSON.stringify(value, null, 2)', () => {
    const doc = '{"data":[{"traceID":"ab","spans":[],"processes":{},"n":-1500,"ok":true,"x":null}]}';
    expect(pretty(doc)).toBe(JSON.stringify(JSON.parse(doc), null, 2));
  });

  it('shows numbers as the source wrote them', () => {
    expect(pretty('[-1.5e3,1.0]')).toBe('[\n  -1.5e3,\n  1.0\n]');
  });

  it('ignores the whitespace of an already indented document', () => {
    const doc = '{\r\n\t"a" :  [ 1 ,\n 2 ] ,  "b" : { }\n}\n';
    expect(pretty(doc)).toBe(JSON.stringify(JSON.parse(doc), null, 2));
  });

  it('keeps strings intact: escapes, quotes, braces and commas inside them, and UTF-8', () => {
    const doc = JSON.stringify({ 'k"{,}': 'a\\"b,[c]\n', emoji: 'µs → 😀', end: '\\' });
    expect(pretty(doc)).toBe(JSON.stringify(JSON.parse(doc), null, 2));
  });

  it('matches JSON.stringify on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const doc = JSON.stringify(value);
        return pretty(doc) === JSON.stringify(value, null, 2);
      }),
      { numRuns: 300 },
    );
  });

  it('indexes in slices of any size to the same lines as in one go', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 40 }), (value, budget) => {
        const bytes = bytesOf(JSON.stringify(value, null, budget % 3));
        const whole = indexJsonLines(bytes);
        const indexer = new JsonLineIndexer(bytes);
        while (!indexer.done) indexer.advance(budget);
        const sliced = indexer.lines();
        return (
          sliced.count === whole.count &&
          sliced.starts.every((s, i) => s === whole.starts[i]) &&
          sliced.ends.every((e, i) => e === whole.ends[i]) &&
          sliced.depth.every((d, i) => d === whole.depth[i])
        );
      }),
      { numRuns: 300 },
    );
  });

  it('stops each slice near its budget, so lines are available before the end', () => {
    const bytes = bytesOf(JSON.stringify({ spans: Array.from({ length: 1000 }, (_, i) => ({ i })) }));
    const indexer = new JsonLineIndexer(bytes);
    indexer.advance(100);
    expect(indexer.done).toBe(false);
    expect(indexer.position).toBe(100);
    expect(indexer.lines().count).toBeGreaterThan(5);
    expect(indexer.lines().count).toBeLessThan(40);
  });

  it('cuts a long line and says how much of it is left out', () => {
    const doc = JSON.stringify({ blob: 'x'.repeat(10_000) });
    const bytes = bytesOf(doc);
    const lines = indexJsonLines(bytes);
    expect(lines.count).toBe(3);
    const [line] = jsonLineRange(bytes, lines, 1, 2, 100);
    expect(line.depth).toBe(1);
    expect(line.text).toHaveLength(100);
    expect(line.text.startsWith('"blob": "xxx')).toBe(true);
    // The line's source is the document without its braces; 99 of its bytes became 100 characters.
    expect(line.omittedBytes).toBe(doc.length - 2 - 99);
  });

  it('returns only the lines asked for, clamped to the document', () => {
    const bytes = bytesOf('[1,2,3]');
    const lines = indexJsonLines(bytes);
    expect(jsonLineRange(bytes, lines, 2, 99, 80).map((l) => l.text)).toEqual(['2,', '3', ']']);
    expect(jsonLineRange(bytes, lines, -5, 1, 80).map((l) => l.text)).toEqual(['[']);
  });
});
