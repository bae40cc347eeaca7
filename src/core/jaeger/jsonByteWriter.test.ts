import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonByteWriter } from './jsonByteWriter';

const decoder = new TextDecoder('utf-8', { fatal: true });
const written = (write: (w: JsonByteWriter) => void, initialBytes?: number): string => {
  const w = new JsonByteWriter(initialBytes);
  write(w);
  return decoder.decode(w.take());
};

describe('JsonByteWriter', () => {
  it('writes every string as the UTF-8 of JSON.stringify, whatever its code units', () => {
    // 'binary' draws any UTF-16 code unit: controls, DEL, lone and paired surrogates, non-BMP.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(written((w) => w.string(text), 4)).toBe(JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes the characters JSON names, other controls as \\u00xx and lone surrogates as \\udxxx', () => {
    const text = '"\\\b\t\n\f\r\u0001\u001f\u007f\u2028é😀\ud800x\udc00';
    expect(written((w) => w.string(text))).toBe(JSON.stringify(text));
    expect(written((w) => w.string('\ud83d'))).toBe('"\\ud83d"');
  });

  it('grows past its buffer for long values, escaped or not', () => {
    const long = 'x'.repeat(100_000) + '\n' + 'é'.repeat(50_000);
    expect(written((w) => w.string(long), 16)).toBe(JSON.stringify(long));
  });

  it('writes integers as JSON does and hands over what it wrote once', () => {
    for (const n of [0, 7, 10, -1, -12, 2 ** 53 - 1, -(2 ** 53 - 1)]) {
      expect(written((w) => w.integer(n))).toBe(JSON.stringify(n));
    }
    const w = new JsonByteWriter(8);
    w.ascii('[1,');
    w.bytes(new TextEncoder().encode('"ü"'));
    w.ascii(']');
    expect(w.length).toBe(8);
    expect(decoder.decode(w.take())).toBe('[1,"ü"]');
    expect(w.length).toBe(0);
    w.ascii('{}');
    expect(decoder.decode(w.take())).toBe('{}');
  });
});

describe('JsonByteWriter.json', () => {
  it('writes JSON.stringify output as its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 20 }), (value, text) => {
        const json = JSON.stringify([value, text]);
        expect(written((w) => w.json(json), 4)).toBe(json);
      }),
    );
  });
});

describe('JsonByteWriter buffers', () => {
  it('allocates what a piece needs: small for small pieces, the last size for a run of big ones', () => {
    const w = new JsonByteWriter(64);
    w.ascii('abc');
    expect(w.take().buffer.byteLength).toBe(64);
    w.ascii('x'.repeat(10_000));
    expect(w.take().byteLength).toBe(10_000);
    w.ascii('y');
    // Sized by the piece before, so a trace's next slice is written without growing.
    expect(w.take().buffer.byteLength).toBeGreaterThanOrEqual(10_000);
    w.ascii('z');
    expect(w.take().buffer.byteLength).toBe(64);
  });
});
