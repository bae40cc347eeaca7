import { describe, expect, it } from 'vitest';
import { durationUnitFor, formatDuration, formatDurationIn } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0 µs'],
    [850, '850 µs'],
    [0.5, '0.5 µs'],
    [1_234, '1.23 ms'],
    [12_345, '12.3 ms'],
    [512_400, '512 ms'],
    [2_500_000, '2.5 s'],
    [90_000_000, '1.5 min'],
    [7_200_000_000, '2 h'],
  ])('%d µs reads "%s"', (us, text) => {
    expect(formatDuration(us)).toBe(text);
  });

  it('moves up a unit instead of showing 1000 of the smaller one', () => {
    expect(formatDuration(999.6)).toBe('1 ms');
    expect(formatDuration(999_700)).toBe('1 s');
    expect(formatDuration(59_999_000)).toBe('1 min');
  });
});

describe('formatDurationIn', () => {
  it('keeps a whole ruler in one unit', () => {
    const unit = durationUnitFor(512_400);
    expect([0, 128_100, 512_400].map((us) => formatDurationIn(us, unit))).toEqual([
      '0 ms',
      '128 ms',
      '512 ms',
    ]);
  });
});
