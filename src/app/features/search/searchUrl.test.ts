import { describe, expect, it } from 'vitest';
import { limitProblem, lookbackLabel, readSearchUrl, searchUrlParams } from './searchUrl';

describe('readSearchUrl', () => {
  it('reads Jaeger UI search parameters', () => {
    expect(readSearchUrl(new URLSearchParams('service=driver&lookback=24h&limit=100'))).toEqual({
      service: 'driver',
      lookback: '24h',
      limit: 100,
    });
  });

  it('falls back to defaults for missing or unusable values', () => {
    expect(readSearchUrl(new URLSearchParams('lookback=custom&limit=abc'))).toEqual({
      service: null,
      lookback: '1h',
      limit: 20,
    });
    expect(readSearchUrl(new URLSearchParams('service=a&limit=99999')).limit).toBe(1500);
  });

  it('round-trips through the URL', () => {
    const search = { service: 'frontend', lookback: '15m', limit: 5 };
    expect(readSearchUrl(searchUrlParams(search))).toEqual(search);
  });
});

describe('lookbackLabel', () => {
  it('names the options and any other lookback from a link', () => {
    expect(lookbackLabel('1h')).toBe('Last hour');
    expect(lookbackLabel('30m')).toBe('Last 30 minutes');
    expect(lookbackLabel('1d')).toBe('Last day');
  });
});

describe('limitProblem', () => {
  it('accepts whole numbers from 1 to 1500 only', () => {
    expect(limitProblem('1')).toBeNull();
    expect(limitProblem(' 1500 ')).toBeNull();
    expect(limitProblem('0')).toMatch(/1 to 1500/);
    expect(limitProblem('1501')).toMatch(/1 to 1500/);
    expect(limitProblem('2.5')).toMatch(/whole number/);
    expect(limitProblem('')).toMatch(/how many/);
  });
});
