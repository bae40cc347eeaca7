import { describe, expect, it } from 'vitest';
import { buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import {
  contribution,
  defaultThresholds,
  nodeChange,
  nodeLabel,
  nodePath,
  nodePresence,
  percentChange,
  presenceCounts,
} from './diffNodes';
import { diffTraces, diffTransferables, type TraceDiff } from './traceDiff';

/**
 * Diagrams: one column per 10 µs, `=` is a span. Services are written `svc:op` in the rows.
 * Every test reads the diff through `rows()`: one line per aligned node, in tree order.
 */
function diff(a: SpanSpec[], b: SpanSpec[]): TraceDiff {
  return diffTraces(buildTraceIndex(buildTrace(a)), buildTraceIndex(buildTrace(b)));
}

interface Row {
  path: string;
  presence: string;
  count: [number, number];
  total: [number, number];
  self: [number, number];
  critical: [number, number];
}

function rows(d: TraceDiff): Row[] {
  const out: Row[] = [];
  for (let n = 0; n < d.size; n++) {
    out.push({
      path: `${'  '.repeat(d.depth[n])}${nodeLabel(d, n)}`,
      presence: nodePresence(d, n),
      count: [d.a.count[n], d.b.count[n]],
      total: [d.a.totalUs[n], d.b.totalUs[n]],
      self: [d.a.selfUs[n], d.b.selfUs[n]],
      critical: [d.a.criticalUs[n], d.b.criticalUs[n]],
    });
  }
  return out;
}

const paths = (d: TraceDiff) => rows(d).map((r) => `${r.path} [${r.presence}]`);
const find = (d: TraceDiff, label: string) => rows(d).findIndex((r) => r.path.trim() === label);

/** The contributions add up to the change in critical path length: nothing is lost or double-counted. */
function expectContributionsBalance(d: TraceDiff): void {
  let sum = 0;
  for (let n = 0; n < d.size; n++) sum += contribution(d, n);
  expect(sum).toBeCloseTo(d.facts.b.criticalPathUs - d.facts.a.criticalPathUs, 6);
}

// A request: frontend calls auth, then the api, which queries the db.
//  frontend:GET /    ==========        0..100
//  auth:check         ==               10..30
//  api:list              =====         40..90
//  db:select              ===          50..80
const request = (db: [number, number] = [50, 80], api: [number, number] = [40, 90]): SpanSpec[] => [
  { id: 'root', service: 'frontend', name: 'GET /', at: [0, Math.max(100, api[1] + 10)] },
  { id: 'auth', parent: 'root', service: 'auth', name: 'check', at: [10, 30] },
  { id: 'api', parent: 'root', service: 'api', name: 'list', at: api },
  { id: 'db', parent: 'api', service: 'db', name: 'select', at: db },
];

describe('diffTraces — alignment', () => {
  it('identical traces align node for node, with no change and no contributors', () => {
    const d = diff(request(), request());
    expect(paths(d)).toEqual([
      'frontend: GET / [both]',
      '  auth: check [both]',
      '  api: list [both]',
      '    db: select [both]',
    ]);
    for (let n = 0; n < d.size; n++) {
      expect(contribution(d, n)).toBe(0);
      expect(nodeChange(d, n, defaultThresholds(d))).toBe('same');
    }
    expect([...d.topContributors]).toEqual([]);
    expect(presenceCounts(d)).toEqual({ both: 4, onlyA: 0, onlyB: 0 });
  });

  it('a call only B makes is added under the node that made it', () => {
    //  B adds  cache:get  at 32..38, under frontend
    const b = [
      ...request(),
      { id: 'cache', parent: 'root', service: 'cache', name: 'get', at: [32, 38] } as const,
    ];
    const d = diff(request(), b);
    expect(paths(d)).toEqual([
      'frontend: GET / [both]',
      '  auth: check [both]',
      '  cache: get [onlyB]',
      '  api: list [both]',
      '    db: select [both]',
    ]);
    const cache = find(d, 'cache: get');
    expect(rows(d)[cache].count).toEqual([0, 1]);
    expect(nodeChange(d, cache, defaultThresholds(d))).toBe('added');
    expect(d.a.firstSpanId[cache]).toBe('');
    expect(d.b.firstSpanId[cache]).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.isNaN(d.a.firstStartUs[cache])).toBe(true);
    expectContributionsBalance(d);
  });

  it('a call only A made is removed, with its whole subtree', () => {
    const a = request();
    const b = request().filter((s) => s.id !== 'api' && s.id !== 'db');
    const d = diff(a, b);
    expect(paths(d)).toEqual([
      'frontend: GET / [both]',
      '  auth: check [both]',
      '  api: list [onlyA]',
      '    db: select [onlyA]',
    ]);
    expect(nodeChange(d, find(d, 'db: select'), defaultThresholds(d))).toBe('removed');
    expect(presenceCounts(d)).toEqual({ both: 2, onlyA: 2, onlyB: 0 });
    expectContributionsBalance(d);
  });

  it('the same operation under two different parents is two nodes', () => {
    //  frontend:GET /  ==========
    //  api:list         ===          db:select under api
    //  api:count            ===      db:select under count
    const specs = (n: number): SpanSpec[] => [
      { id: 'root', service: 'frontend', name: 'GET /', at: [0, 100] },
      { id: 'list', parent: 'root', service: 'api', name: 'list', at: [10, 40] },
      { id: 'q1', parent: 'list', service: 'db', name: 'select', at: [15, 15 + n] },
      { id: 'count', parent: 'root', service: 'api', name: 'count', at: [50, 80] },
      { id: 'q2', parent: 'count', service: 'db', name: 'select', at: [55, 70] },
    ];
    const d = diff(specs(10), specs(20));
    expect(paths(d)).toEqual([
      'frontend: GET / [both]',
      '  api: list [both]',
      '    db: select [both]',
      '  api: count [both]',
      '    db: select [both]',
    ]);
    expect(rows(d)[2].total).toEqual([10, 20]);
    expect(rows(d)[4].total).toEqual([15, 15]);
    expect(nodePath(d, 2)).toEqual(['frontend: GET /', 'api: list', 'db: select']);
  });

  it('the same operation name in two services is two nodes', () => {
    const a: SpanSpec[] = [
      { id: 'root', service: 'gateway', name: 'POST /orders', at: [0, 100] },
      { id: 'srv', parent: 'root', service: 'orders', name: 'POST /orders', at: [10, 90] },
    ];
    const b: SpanSpec[] = [
      { id: 'root', service: 'gateway', name: 'POST /orders', at: [0, 100] },
      { id: 'srv', parent: 'root', service: 'orders-v2', name: 'POST /orders', at: [10, 90] },
    ];
    expect(paths(diff(a, b))).toEqual([
      'gateway: POST /orders [both]',
      '  orders: POST /orders [onlyA]',
      '  orders-v2: POST /orders [onlyB]',
    ]);
  });

  it('repeated operations merge into one node with their counts and summed durations', () => {
    //  A: 3 retries of pay:charge of 10 µs each; B: 5 of 12 µs each, one failing
    const retries = (n: number, each: number, failing = -1): SpanSpec[] => [
      { id: 'root', service: 'shop', name: 'checkout', at: [0, 200] },
      ...Array.from({ length: n }, (_, i): SpanSpec => ({
        id: `r${i}`,
        parent: 'root',
        service: 'pay',
        name: 'charge',
        at: [10 + i * 20, 10 + i * 20 + each],
        error: i === failing,
      })),
    ];
    const d = diff(retries(3, 10), retries(5, 12, 4));
    expect(paths(d)).toEqual(['shop: checkout [both]', '  pay: charge [both]']);
    const charge = rows(d)[1];
    expect(charge.count).toEqual([3, 5]);
    expect(charge.total).toEqual([30, 60]);
    expect(charge.self).toEqual([30, 60]);
    expect([d.a.errors[1], d.b.errors[1]]).toEqual([0, 1]);
    expect(nodeChange(d, 1, defaultThresholds(d))).toBe('slower');
    // The span to open is the first of the repeats.
    expect(d.a.firstSpanId[1]).toBe(buildTrace(retries(3, 10)).spans[1].spanId);
    expect(d.a.firstStartUs[1]).toBe(10);
  });

  it('traces with different roots share nothing', () => {
    const a: SpanSpec[] = [
      { id: 'root', service: 'web', name: 'GET /a', at: [0, 50] },
      { id: 'db', parent: 'root', service: 'db', name: 'select', at: [10, 20] },
    ];
    const b: SpanSpec[] = [
      { id: 'root', service: 'web', name: 'GET /b', at: [0, 80] },
      { id: 'db', parent: 'root', service: 'db', name: 'select', at: [10, 40] },
    ];
    const d = diff(a, b);
    expect(paths(d)).toEqual([
      'web: GET /a [onlyA]',
      '  db: select [onlyA]',
      'web: GET /b [onlyB]',
      '  db: select [onlyB]',
    ]);
    expect(d.facts.a.rootOperation).toBe('GET /a');
    expect(d.facts.b.rootOperation).toBe('GET /b');
    expectContributionsBalance(d);
  });

  it('an empty trace on either side: every node is on the other side only', () => {
    const d = diff([], request());
    expect(paths(d).every((p) => p.endsWith('[onlyB]'))).toBe(true);
    expect(d.size).toBe(4);
    expect(d.facts.a).toMatchObject({ spanCount: 0, durationUs: 0, criticalPathUs: 0, rootService: '' });
    expectContributionsBalance(d);

    const reverse = diff(request(), []);
    expect(paths(reverse).every((p) => p.endsWith('[onlyA]'))).toBe(true);

    const none = diff([], []);
    expect(none.size).toBe(0);
    expect([...none.topContributors]).toEqual([]);
  });

  it('orders siblings by when they first ran in either trace', () => {
    //  A: auth 10..30 then api 40..90;  B: api 5..60 then auth 70..80
    const b: SpanSpec[] = [
      { id: 'root', service: 'frontend', name: 'GET /', at: [0, 100] },
      { id: 'api', parent: 'root', service: 'api', name: 'list', at: [5, 60] },
      { id: 'db', parent: 'api', service: 'db', name: 'select', at: [10, 20] },
      { id: 'auth', parent: 'root', service: 'auth', name: 'check', at: [70, 80] },
    ];
    expect(paths(diff(request(), b))).toEqual([
      'frontend: GET / [both]',
      '  api: list [both]',
      '    db: select [both]',
      '  auth: check [both]',
    ]);
  });

  it('uses the trace start as the origin, whatever the epoch of each trace', () => {
    const shifted = request().map((s): SpanSpec => ({ ...s, at: [s.at[0] + 5000, s.at[1] + 5000] }));
    const d = diff(request(), shifted);
    expect(d.a.firstStartUs[find(d, 'db: select')]).toBe(50);
    expect(d.b.firstStartUs[find(d, 'db: select')]).toBe(50);
  });
});

describe('diffTraces — durations and contributors', () => {
  it('self time counts overlapping children once and clips children to their parent', () => {
    //  api:list   ==========          0..100
    //  db:a        ====               10..50
    //  db:b          ====             30..70   overlaps a: the union is 10..70
    //  db:c                   ===     90..120  runs past its parent: 90..100 counts
    const specs: SpanSpec[] = [
      { id: 'api', service: 'api', name: 'list', at: [0, 100] },
      { id: 'a', parent: 'api', service: 'db', name: 'a', at: [10, 50] },
      { id: 'b', parent: 'api', service: 'db', name: 'b', at: [30, 70] },
      { id: 'c', parent: 'api', service: 'db', name: 'c', at: [90, 120] },
    ];
    const d = diff(specs, specs);
    expect(rows(d)[0].self).toEqual([30, 30]);
    expect(rows(d)[0].total).toEqual([100, 100]);
    expect(rows(d)[1].self).toEqual([40, 40]);
  });

  it('a slower database call is the top contributor, and its parent is not blamed for it', () => {
    //  A: db 50..80 (30 µs);  B: db 50..180 (130 µs), so api and root stretch by 100 µs too
    const d = diff(request(), request([50, 180], [40, 190]));
    const db = find(d, 'db: select');
    const api = find(d, 'api: list');
    expect(rows(d)[db].total).toEqual([30, 130]);
    expect(contribution(d, db)).toBe(100);
    expect(contribution(d, api)).toBe(0);
    expect(rows(d)[api].self).toEqual([20, 20]);
    expect(nodeChange(d, api, defaultThresholds(d))).toBe('slower');
    expect([...d.topContributors]).toEqual([db]);
    expect(d.facts.b.durationUs - d.facts.a.durationUs).toBe(100);
    expectContributionsBalance(d);
    expect(percentChange(rows(d)[db].total[0], rows(d)[db].total[1])).toBeCloseTo(333.33, 2);
  });

  it('a change off the critical path contributes nothing, however large', () => {
    //  An audit call that overlaps api:list and ends before it, so the root never waits on it:
    //  A: audit 35..50;  B: audit 35..85 (+35 µs)
    const audit = (end: number): SpanSpec => ({
      id: 'audit',
      parent: 'root',
      service: 'audit',
      name: 'log',
      at: [35, end],
    });
    const a = [...request().filter((s) => s.id !== 'auth'), audit(50)];
    const b = [...request().filter((s) => s.id !== 'auth'), audit(85)];
    const d = diff(a, b);
    const node = find(d, 'audit: log');
    expect(rows(d)[node].total).toEqual([15, 50]);
    expect(contribution(d, node)).toBe(0);
    expect(nodeChange(d, node, defaultThresholds(d))).toBe('slower');
    expect([...d.topContributors]).toEqual([]);
  });

  it('offsetting changes are both shown even though the end-to-end time is unchanged', () => {
    //  A: auth 10..30, api 40..90 (db 50..80)
    //  B: auth 10..58 (+28), api 60..90 with db 65..75 (−20), the root waits 8 µs less
    const b = request([65, 75], [60, 90]).map((s): SpanSpec =>
      s.id === 'auth' ? { ...s, at: [10, 58] } : s,
    );
    const d = diff(request(), b);
    expect(d.facts.b.durationUs).toBe(d.facts.a.durationUs);
    const top = [...d.topContributors].map((n) => [nodeLabel(d, n), contribution(d, n)]);
    expect(top).toEqual([
      ['auth: check', 28],
      ['db: select', -20],
    ]);
    expectContributionsBalance(d);
  });

  it('jitter below 1 % of the trace is not a contributor', () => {
    const d = diff(request([50, 80], [40, 190]), request([50, 80.5], [40, 190]));
    expect([...d.topContributors]).toEqual([]);
    expect(nodeChange(d, find(d, 'db: select'), defaultThresholds(d))).toBe('same');
  });

  it('percent change says null for a cost that did not exist in A', () => {
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(0, 0)).toBe(0);
    expect(percentChange(200, 150)).toBe(-25);
  });
});

describe('diffTraces — scale', () => {
  /** A batch job: a root, `items` item spans, each with an HTTP call and `queries` queries. */
  function batch(items: number, queries: number, queryUs: number): SpanSpec[] {
    const specs: SpanSpec[] = [{ id: 'root', service: 'sched', name: 'job', at: [0, items * 1000] }];
    for (let i = 0; i < items; i++) {
      const t = i * 1000;
      const item = `i${i.toString(36)}`;
      const call = `c${i.toString(36)}`;
      specs.push({ id: item, parent: 'root', service: 'worker', name: 'item', at: [t, t + 900] });
      specs.push({ id: call, parent: item, service: 'api', name: 'POST /doc', at: [t + 10, t + 890] });
      for (let q = 0; q < queries; q++) {
        specs.push({
          id: `q${(i * queries + q).toString(36)}`,
          parent: call,
          service: 'db',
          name: q % 3 === 0 ? 'SELECT' : 'INSERT',
          at: [t + 20 + q * 8, t + 20 + q * 8 + queryUs],
        });
      }
    }
    return specs;
  }

  it('compares two 50k-span traces in linearithmic time, with exact counts', () => {
    const a = buildTraceIndex(buildTrace(batch(500, 97, 6)));
    const b = buildTraceIndex(buildTrace(batch(520, 97, 7)));
    const started = performance.now();
    const d = diffTraces(a, b);
    const ms = performance.now() - started;
    expect(paths(d)).toEqual([
      'sched: job [both]',
      '  worker: item [both]',
      '    api: POST /doc [both]',
      '      db: SELECT [both]',
      '      db: INSERT [both]',
    ]);
    expect(rows(d)[3].count).toEqual([500 * 33, 520 * 33]);
    expect(rows(d)[4].count).toEqual([500 * 64, 520 * 64]);
    // About 100 ms on a quiet machine; the bound only catches a quadratic step (minutes at 50k).
    expect(ms).toBeLessThan(5000);
    expectContributionsBalance(d);
  });

  it('a 100k-deep chain of distinct operations aligns without overflowing the stack', () => {
    const chain = (n: number, offset: number): SpanSpec[] =>
      Array.from({ length: n }, (_, i) => ({
        id: i.toString(36),
        parent: i === 0 ? undefined : (i - 1).toString(36),
        name: `op${i + offset}`,
        at: [i, 2 * n - i] as const,
      }));
    const d = diff(chain(100_000, 0), chain(100_000, 1));
    // op0 is only in A; everything under it hangs from a different root path in B.
    expect(d.size).toBe(200_000);
    expect(d.depth[d.size - 1]).toBe(99_999);
    expect(presenceCounts(d)).toEqual({ both: 0, onlyA: 100_000, onlyB: 100_000 });
    expect(diffTransferables(d).length).toBeGreaterThan(10);
  });
});
