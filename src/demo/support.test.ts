import { describe, expect, it } from 'vitest';
import { createArrivalSchedule } from './arrivals';
import { describeExportError, throttledLog, tracesUrl } from './exporter';
import { createRandom, deriveSeed } from './random';

describe('seeded randomness', () => {
  it('replays a seed and differs across seeds and streams', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(deriveSeed(1, 0)).not.toBe(deriveSeed(1, 1));
    expect(deriveSeed(1, 0)).not.toBe(deriveSeed(2, 0));
  });

  it('keeps draws in range', () => {
    const random = createRandom(3);
    for (let i = 0; i < 1000; i++) {
      expect(random.int(2, 4)).toBeGreaterThanOrEqual(2);
      expect(random.int(2, 4)).toBeLessThanOrEqual(4);
      expect(random.normal(10, 5, 8)).toBeGreaterThanOrEqual(8);
      expect(random.hex(16)).toMatch(/^[0-9a-f]{16}$/);
    }
  });
});

describe('arrival schedule', () => {
  it('arrives at the requested average rate, in order, the same way for a seed', () => {
    const times = (seed: number) => {
      const schedule = createArrivalSchedule(seed, 5);
      return Array.from({ length: 2000 }, () => schedule.take());
    };
    const arrivals = times(8);
    expect(times(8)).toEqual(arrivals);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]).toBeGreaterThanOrEqual(arrivals[i - 1]);
    const rate = arrivals.length / (arrivals.at(-1)! / 1e9);
    expect(rate).toBeGreaterThan(4.5);
    expect(rate).toBeLessThan(5.5);
  });

  it('skips ahead after falling behind', () => {
    const schedule = createArrivalSchedule(1, 5);
    schedule.take();
    schedule.resumeAt(60e9);
    expect(schedule.peek()).toBeGreaterThanOrEqual(60e9);
  });
});

describe('exporter helpers', () => {
  it('derives the traces URL from a base URL', () => {
    expect(tracesUrl('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('https://x.example/otlp/v1/traces')).toBe('https://x.example/otlp/v1/traces');
    expect(() => tracesUrl('localhost:4318')).toThrow(TypeError);
  });

  it('logs at most once per interval, counting what it held back', () => {
    let now = 0;
    const lines: string[] = [];
    const log = throttledLog(
      (m) => lines.push(m),
      60_000,
      () => now,
    );
    log('down');
    log('down');
    now = 30_000;
    log('down');
    now = 61_000;
    log('still down');
    expect(lines).toEqual(['down', 'still down (2 similar messages suppressed)']);
  });

  it('describes export errors with their HTTP status', () => {
    expect(describeExportError(Object.assign(new Error('Bad Request'), { code: 400 }))).toBe(
      'Bad Request (HTTP 400)',
    );
    expect(describeExportError(new Error('connect ECONNREFUSED'))).toBe('connect ECONNREFUSED');
    expect(describeExportError(undefined)).toBe('unknown error');
  });
});
