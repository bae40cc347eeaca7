import { describe, expect, it } from 'vitest';
import type { SpanSpec } from '../testing/traceBuilder';
import { insightsOf } from './testing';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;
const root: SpanSpec = { id: 'R', name: 'nightly batch', service: 'jobs', at: ms(0, 70) };
const worker = (id: string, start: number, end: number): SpanSpec => ({
  id,
  parent: 'R',
  name: 'process account',
  service: 'jobs',
  at: ms(start, end),
});
const update = (id: string, parent: string, start: number, end: number, db = 'ledger'): SpanSpec => ({
  id,
  parent,
  name: 'UPDATE balances',
  service: 'jobs',
  kind: 'client',
  at: ms(start, end),
  attributes: { 'db.system': 'postgresql', 'db.namespace': db },
});

describe('contention: calls that queue for one resource', () => {
  it('finds concurrent callers whose calls never overlap and start the moment the previous one ends', () => {
    // R  =======
    // W1 ==          U1 ==          the three workers start together,
    // W2 ====        U2   ==        but each UPDATE waits for the one before
    // W3 ======      U3     ==
    const found = insightsOf([
      root,
      worker('W1', 0, 21),
      worker('W2', 0, 41),
      worker('W3', 0, 61),
      update('U1', 'W1', 0, 20),
      update('U2', 'W2', 20, 40),
      update('U3', 'W3', 40, 60),
    ]);
    const [queue] = found.of('contention');
    expect(found.ids(queue)).toEqual(['U1', 'U2', 'U3']);
    // W2 waited 20 ms and W3 40 ms; the trace waited on W3, so its 40 ms are at stake.
    expect(queue.timeAtStakeUs).toBe(40_000);
    expect(queue.summary).toBe(
      '3 UPDATE balances calls to postgresql ledger from concurrent callers ran back to back, never ' +
        'overlapping: they queued 60 ms in total (a lock or a single connection), 40 ms of it on the critical path.',
    );
    // The waits are explained: W3 is not also reported as uninstrumented time.
    expect(found.of('gap')).toEqual([]);
  });

  describe('near misses that must not be flagged', () => {
    it('calls that overlap: the resource serves them together', () => {
      const found = insightsOf([
        root,
        worker('W1', 0, 21),
        worker('W2', 0, 41),
        worker('W3', 0, 61),
        update('U1', 'W1', 0, 20),
        update('U2', 'W2', 18, 40),
        update('U3', 'W3', 38, 60),
      ]);
      expect(found.of('contention')).toEqual([]);
    });

    it('callers that only became ready when the previous call ended', () => {
      const found = insightsOf([
        root,
        worker('W1', 0, 21),
        worker('W2', 20, 41),
        worker('W3', 40, 61),
        update('U1', 'W1', 0, 20),
        update('U2', 'W2', 20, 40),
        update('U3', 'W3', 40, 60),
      ]);
      expect(found.of('contention')).toEqual([]);
    });

    it('back-to-back calls to different databases', () => {
      const found = insightsOf([
        root,
        worker('W1', 0, 21),
        worker('W2', 0, 41),
        worker('W3', 0, 61),
        update('U1', 'W1', 0, 20, 'ledger'),
        update('U2', 'W2', 20, 40, 'archive'),
        update('U3', 'W3', 40, 60, 'ledger'),
      ]);
      expect(found.of('contention')).toEqual([]);
    });

    it('one caller making its calls one after another (a staircase, not a queue)', () => {
      const found = insightsOf([
        root,
        update('U1', 'R', 0, 20),
        update('U2', 'R', 20, 40),
        update('U3', 'R', 40, 60),
      ]);
      expect(found.of('contention')).toEqual([]);
    });
  });
});

describe('contention: lock waits the instrumentation recorded', () => {
  const lookup: SpanSpec = {
    id: 'C',
    name: 'HTTP GET /customer',
    service: 'customer',
    kind: 'server',
    at: ms(0, 60),
  };
  const sql = (at: readonly [number, number], events: SpanSpec['events']): SpanSpec => ({
    id: 'Q',
    parent: 'C',
    name: 'SQL SELECT',
    service: 'customer',
    kind: 'client',
    at,
    attributes: { 'db.system': 'mysql', 'db.namespace': 'customers' },
    events,
  });

  it('reads the wait from the event before a query that waited for its lock (the demo)', () => {
    // C  ======
    // Q      ==   the query starts once it holds the lock; the event says it waited 44 ms
    const found = insightsOf([
      lookup,
      sql(ms(45, 58), [
        { name: 'Waiting for lock', attributes: { 'lock.wait.duration_ms': 44, 'lock.queue.length': 2 } },
      ]),
    ]);
    const [lock] = found.of('contention');
    expect(found.ids(lock)).toEqual(['Q']);
    expect(lock.timeAtStakeUs).toBe(44_000);
    expect(lock.summary).toBe('customer SQL SELECT waited 44 ms for a lock on mysql customers.');
    // The 45 ms before the query are the lock wait, not uninstrumented time.
    expect(found.of('gap')).toEqual([]);
  });

  it('reads the wait between "waiting" and "acquired" events inside the span (HotROD’s mysql)', () => {
    // Q   =====   waiting at 1 ms, acquired at 40 ms, done at 59 ms
    const found = insightsOf(
      [
        lookup,
        sql(ms(1, 59), [
          { name: 'Waiting for lock behind 2 transactions' },
          { name: 'Acquired lock with 0 transactions waiting behind' },
        ]),
      ],
      { Q: [1000, 40_000] },
    );
    const [lock] = found.of('contention');
    expect(lock.timeAtStakeUs).toBe(39_000);
    expect(lock.summary).toBe('customer SQL SELECT waited 39 ms for a lock on mysql customers.');
  });

  it('reports a lookup that gave up on the lock, with the database’s words', () => {
    const found = insightsOf(
      [
        {
          id: 'R',
          name: 'HTTP GET /dispatch',
          service: 'frontend',
          kind: 'server',
          error: true,
          at: ms(0, 1600),
        },
        {
          id: 'C',
          parent: 'R',
          name: 'HTTP GET /customer',
          service: 'customer',
          kind: 'server',
          // Its own address, not a peer: the summary must not say "a lock on customer".
          attributes: { 'server.address': 'customer' },
          error: true,
          at: ms(1, 1590),
          events: [
            { name: 'Waiting for lock', attributes: { 'lock.queue.length': 30 } },
            {
              name: 'exception',
              attributes: {
                'exception.type': 'ER_LOCK_WAIT_TIMEOUT',
                'exception.message': 'Lock wait timeout exceeded; try restarting transaction',
              },
            },
          ],
        },
      ],
      { C: [2000, 1502_000] },
    );
    const [lock] = found.of('contention');
    expect(found.ids(lock)).toEqual(['C']);
    // From "Waiting for lock" to the timeout's exception.
    expect(lock.timeAtStakeUs).toBe(1_500_000);
    expect(lock.summary).toBe(
      'customer HTTP GET /customer waited 1.5 s for a lock and gave up: Lock wait timeout exceeded; try restarting transaction.',
    );
    expect(found.of('error-origin')).toHaveLength(1);
  });

  describe('near misses that must not be flagged', () => {
    it('a lock wait too short to matter', () => {
      const found = insightsOf([
        lookup,
        sql(ms(1, 58), [{ name: 'Waiting for lock', attributes: { 'lock.wait.duration_ms': 0.2 } }]),
      ]);
      expect(found.of('contention')).toEqual([]);
    });

    it('events that only look like locks', () => {
      const found = insightsOf([
        lookup,
        sql(ms(30, 58), [
          { name: 'block storage read' },
          { name: 'unlocked cache' },
          { name: 'waiting for data' },
        ]),
      ]);
      expect(found.of('contention')).toEqual([]);
    });
  });
});
