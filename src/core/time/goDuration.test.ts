import { describe, expect, it } from 'vitest';
import { formatDurationUs, parseGoDuration } from './goDuration';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0n],
    ['100ns', 100n],
    ['100us', 100_000n],
    ['100µs', 100_000n],
    ['1.5ms', 1_500_000n],
    ['1.2s', 1_200_000_000n],
    ['1h2m', 3_720_000_000_000n],
    ['.5s', 500_000_000n],
    ['-3s', -3_000_000_000n],
  ])('parses %s', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['10', 'time: missing unit in duration "10"'],
    ['10x', 'time: unknown unit "x" in duration "10x"'],
    ['1toString', 'time: unknown unit "toString" in duration "1toString"'],
    ['1constructor', 'time: unknown unit "constructor" in duration "1constructor"'],
    ['.s', 'time: invalid duration ".s"'],
  ])('rejects %j with Go’s message', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});

describe('formatDurationUs', () => {
  it.each([
    [0.5, '500ns'],
    [850, '850µs'],
    [1234, '1.23ms'],
    [12_345, '12.3ms'],
    [4_210_000, '4.21s'],
    [125_000_000, '2m 5s'],
  ])('formats %d µs as %s', (us, text) => {
    expect(formatDurationUs(us)).toBe(text);
  });
});
