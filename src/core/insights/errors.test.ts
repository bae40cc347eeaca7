import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../testing/traceBuilder';
import { insightsOf } from './testing';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const get = (id: string, start: number, end: number, extra: Partial<SpanSpec> = {}): SpanSpec => ({
  id,
  parent: 'D',
  name: 'GetDriver',
  service: 'driver',
  kind: 'client',
  at: ms(start, end),
  attributes: { 'db.system': 'redis', 'db.statement': 'HGETALL driver:1' },
  ...extra,
});
const driver: SpanSpec = { id: 'D', name: 'FindNearest', service: 'driver', kind: 'server', at: ms(0, 100) };

describe('error origin', () => {
  it('follows a failed request down to the deepest span that failed, and says why', () => {
    // R  ==========  error
    // C   ========   error
    // S    ======    error
    // Q     ==       error: connection refused
    // K         =    fine
    const found = insightsOf([
      { id: 'R', name: 'GET /checkout', service: 'web', kind: 'server', error: true, at: ms(0, 100) },
      { id: 'C', parent: 'R', name: 'POST /pay', service: 'web', kind: 'client', error: true, at: ms(5, 90) },
      {
        id: 'S',
        parent: 'C',
        name: 'POST /pay',
        service: 'payments',
        kind: 'server',
        error: true,
        at: ms(10, 85),
      },
      {
        id: 'Q',
        parent: 'S',
        name: 'INSERT charge',
        service: 'payments',
        kind: 'client',
        error: true,
        at: ms(15, 30),
      },
      { id: 'K', parent: 'S', name: 'audit', service: 'payments', at: ms(40, 50) },
    ]);
    const [origin] = found.of('error-origin');
    expect(found.ids(origin)).toEqual(['R', 'C', 'S', 'Q']);
    expect(origin.timeAtStakeUs).toBe(100_000);
    expect(origin.summary).toBe(
      'The request failed because payments INSERT charge failed (failed); the error went up through ' +
        '3 spans to web GET /checkout.',
    );
    expect(found.of('retried-errors')).toEqual([]);
  });

  it('says when the request failed in its own code', () => {
    const found = insightsOf([
      { id: 'R', name: 'GET /checkout', service: 'web', error: true, at: ms(0, 100) },
      { id: 'A', parent: 'R', name: 'load cart', service: 'web', at: ms(10, 20) },
    ]);
    expect(found.of('error-origin').map((i) => i.summary)).toEqual([
      'The request failed in web GET /checkout itself (failed): no span below it failed.',
    ]);
  });

  it('shows where a failure began even when a caller carried on without it', () => {
    const found = insightsOf([
      driver,
      {
        id: 'C',
        parent: 'D',
        name: 'GET /zones',
        service: 'driver',
        kind: 'client',
        error: true,
        at: ms(10, 40),
      },
      {
        id: 'S',
        parent: 'C',
        name: 'GET /zones',
        service: 'geo',
        kind: 'server',
        error: true,
        at: ms(12, 38),
      },
    ]);
    const [origin] = found.of('error-origin');
    expect(found.ids(origin)).toEqual(['C', 'S']);
    expect(origin.summary).toBe(
      'geo GET /zones failed (failed) and 1 caller failed with it, up to driver GET /zones; driver FindNearest carried on.',
    );
  });
});

describe('retried errors', () => {
  it('finds failed calls retried by the same request, and recovered', () => {
    // G1 ==  timeout, retried by G2
    // G2   =
    // G3     =  another driver
    const found = insightsOf([
      driver,
      get('G1', 10, 40, { error: true }),
      get('G2', 41, 51),
      get('G3', 52, 62, { attributes: { 'db.system': 'redis', 'db.statement': 'HGETALL driver:2' } }),
    ]);
    const [retried] = found.of('retried-errors');
    expect(found.ids(retried)).toEqual(['G1']);
    expect(retried.timeAtStakeUs).toBe(30_000);
    expect(retried.summary).toBe(
      'driver GetDriver failed 1 time (failed) under driver FindNearest: 1 retry recovered, ' +
        'costing 30 ms of the critical path.',
    );
    expect(found.of('error-origin')).toEqual([]);
  });

  it('reports requests that gave up after repeated failures', () => {
    const found = insightsOf([
      driver,
      get('G1', 10, 30, { error: true }),
      get('G2', 31, 51, { error: true }),
    ]);
    const [retried] = found.of('retried-errors');
    expect(found.ids(retried)).toEqual(['G1', 'G2']);
    expect(retried.summary).toContain('failed 2 times');
    expect(retried.summary).toContain('1 request gave up after repeated failures');
  });

  describe('near misses that must not be flagged', () => {
    it('one failed call its caller shrugged off, with no retry', () => {
      const found = insightsOf([driver, get('G1', 10, 40, { error: true })]);
      expect(found.of('retried-errors')).toEqual([]);
      expect(found.of('error-origin')).toEqual([]);
    });

    it('a failure followed by a successful call of another request', () => {
      const found = insightsOf([
        driver,
        get('G1', 10, 40, { error: true }),
        get('G2', 41, 51, { attributes: { 'db.system': 'redis', 'db.statement': 'HGETALL driver:2' } }),
      ]);
      expect(found.of('retried-errors')).toEqual([]);
    });
  });
});
