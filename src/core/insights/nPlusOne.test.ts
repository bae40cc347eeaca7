import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../testing/traceBuilder';
import { insightsOf } from './testing';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const root: SpanSpec = { id: 'D', name: 'FindNearest', service: 'driver', kind: 'server', at: ms(0, 70) };
/** A redis call from the driver service, 10 ms unless told otherwise. */
const get = (
  n: number,
  start: number,
  statement = `HGETALL driver:T7${1000 + n}C`,
  end = start + 10,
): SpanSpec => ({
  id: `G${n}`,
  parent: 'D',
  name: 'GetDriver',
  service: 'driver',
  kind: 'client',
  at: ms(start, end),
  attributes: { 'db.system': 'redis', 'db.statement': statement, 'peer.service': 'redis' },
});

describe('N+1 calls', () => {
  it('finds one parent issuing many near-identical queries, and what one batch could save', () => {
    // D  =======
    // G1  =        six 10 ms calls one after another, 1 ms apart
    // G2   =
    // ...
    const calls = [0, 1, 2, 3, 4, 5].map((i) => get(i + 1, 2 + i * 11));
    const found = insightsOf([root, ...calls]);
    const [n1] = found.of('n-plus-one');
    expect(found.ids(n1)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
    // The path spends 60 ms in them; one batched call would take about the longest, 10 ms.
    expect(n1.timeAtStakeUs).toBe(50_000);
    expect(n1.summary).toBe(
      '6 GetDriver calls to redis (HGETALL driver:T?C) from driver FindNearest took 60 ms: ' +
        'one batched call could save about 50 ms.',
    );
    // Repeated database calls are reported as N+1, not also as a staircase.
    expect(found.of('staircase')).toEqual([]);
  });

  it('sees SQL statements differing only in numbers, strings and IN lists as one query', () => {
    const sql = (n: number, statement: string): SpanSpec => ({
      ...get(n, 2 + (n - 1) * 11, statement),
      name: 'SELECT orders',
      attributes: { 'db.system': 'postgresql', 'db.namespace': 'shop', 'db.query.text': statement },
    });
    const found = insightsOf([
      root,
      sql(1, "SELECT * FROM orders WHERE customer = 'ann' AND id IN (1, 2)"),
      sql(2, "SELECT * FROM orders WHERE customer = 'bob' AND id IN (3)"),
      sql(3, "SELECT * FROM orders WHERE customer = 'o''neil' AND id IN (4,5,6)"),
      sql(4, "SELECT  *  FROM orders WHERE customer = 'cy' AND id IN (7)"),
      sql(5, "SELECT * FROM orders WHERE customer = 'di' AND id IN (8, 9)"),
    ]);
    const [n1] = found.of('n-plus-one');
    expect(n1.rows).toHaveLength(5);
    expect(n1.summary).toContain(
      '5 SELECT orders calls to postgresql shop (SELECT * FROM orders WHERE customer = ? AND id IN (?))',
    );
  });

  describe('near misses that must not be flagged', () => {
    it('four queries: too few to call a pattern', () => {
      const found = insightsOf([root, ...[0, 1, 2, 3].map((i) => get(i + 1, 2 + i * 11))]);
      expect(found.of('n-plus-one')).toEqual([]);
    });

    it('many queries sent in parallel: batching would barely change the latency', () => {
      const found = insightsOf([root, ...[0, 1, 2, 3, 4, 5].map((i) => get(i + 1, 2 + i, undefined, 60))]);
      expect(found.of('n-plus-one')).toEqual([]);
    });

    it('queries of the same operation that ask different things', () => {
      const statements = [
        'HGETALL driver:1',
        'SMEMBERS zones',
        'GET config',
        'ZRANGE ranks 0 -1',
        'TTL session',
        'HGETALL driver:2',
      ];
      const found = insightsOf([root, ...statements.map((s, i) => get(i + 1, 2 + i * 11, s))]);
      expect(found.of('n-plus-one')).toEqual([]);
    });
  });
});
