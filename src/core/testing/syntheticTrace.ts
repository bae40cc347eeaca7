/**
 * Large, realistic traces generated in memory, for benchmarks and scale tests: about 20
 * services and 100 operations, RPC call trees up to 12 levels deep, batch jobs whose spans
 * have thousands of children, 3–8 attributes per span, events on ~10% of spans, ~1% errors,
 * a little clock skew, and spans in shuffled order as a backend returns them. Deterministic
 * for a given seed, so runs compare.
 */
import type { Attribute } from '../model/attributes';
import type { Resource, Scope, Span, SpanEvent, SpanKind, Trace } from '../model/trace';
import { SpanKind as Kinds, StatusCode } from '../model/trace';

// prettier-ignore
const SERVICES = [
  'frontend', 'api-gateway', 'auth', 'cart', 'checkout', 'payment', 'fraud', 'ledger', 'inventory',
  'catalog', 'search', 'recommendation', 'ads', 'currency', 'shipping', 'email', 'notification',
  'user-profile', 'batch-worker', 'report-builder',
];
const VERBS = ['GET', 'POST', 'process', 'query', 'publish'];
const MAX_DEPTH = 12;
const ITEM_SUBTREE_SPANS = 5;
const HEX_DIGITS = '0123456789abcdef';
const TRACE_START_NS = 1_704_067_200_000_000_000n;

/** mulberry32: small, fast, and good enough to make traces look irregular. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tree's shape, built first; times and attributes are filled in a second, top-down pass. */
interface Shape {
  parent: number[];
  depth: number[];
  service: number[];
  batch: boolean[];
}

export function syntheticTrace(spanCount: number, seed = 1): Trace {
  const random = generator(seed);
  const int = (n: number) => Math.floor(random() * n);
  const shape: Shape = { parent: [-1], depth: [0], service: [0], batch: [false] };
  const add = (parent: number, service: number, batch = false): number => {
    shape.parent.push(parent);
    shape.depth.push(shape.depth[parent] + 1);
    shape.service.push(service);
    shape.batch.push(batch);
    return shape.parent.length - 1;
  };
  const left = () => spanCount - shape.parent.length;

  /** A call tree below `top`, depth-first, each call staying in its service or calling another. */
  const grow = (top: number, budget: number) => {
    const stack = [top];
    let made = 0;
    while (stack.length && made < budget && left() > 0) {
      const node = stack.pop()!;
      const d = shape.depth[node];
      if (d >= MAX_DEPTH) continue;
      const fanOut = d < 3 ? 1 + int(4) : d < 9 ? int(3) : int(2);
      for (let c = 0; c < fanOut && made < budget && left() > 0; c++) {
        const service = random() < 0.5 ? shape.service[node] : int(SERVICES.length);
        stack.push(add(node, service));
        made++;
      }
    }
  };

  // About 60% of the spans sit under batch jobs of a few thousand items each.
  const batches = Math.max(1, Math.round(spanCount / 50_000));
  const itemsPerBatch = Math.max(1, Math.round((spanCount * 0.6) / batches / ITEM_SUBTREE_SPANS));
  for (let b = 0; b < batches && left() > 0; b++) {
    const job = add(0, SERVICES.indexOf('batch-worker'), true);
    for (let i = 0; i < itemsPerBatch && left() > 0; i++) {
      grow(add(job, SERVICES.indexOf('batch-worker')), ITEM_SUBTREE_SPANS - 1);
    }
  }
  while (left() > 0) {
    const request = add(0, 1);
    grow(request, 200 + int(2000));
  }
  const spans = spansOf(shape, random);
  return { traceId: spans[0].traceId, spans, warnings: [] };
}

/** Built in one piece: IDs decoded from JSON or protobuf are flat strings, not concatenations. */
function hex(random: () => number, digits: number): string {
  const codes = new Array<number>(digits);
  for (let i = 0; i < digits; i++) codes[i] = HEX_DIGITS.charCodeAt(Math.floor(random() * 16));
  return String.fromCharCode(...codes);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function spansOf(shape: Shape, random: () => number): Span[] {
  const n = shape.parent.length;
  const int = (k: number) => Math.floor(random() * k);
  const traceId = hex(random, 32);
  const resources: Resource[] = SERVICES.map((name, i) => ({
    serviceName: name,
    attributes: [
      { key: 'service.name', type: 'string', value: name },
      { key: 'host.name', type: 'string', value: `${name}-${i % 3}` },
      { key: 'telemetry.sdk.language', type: 'string', value: i % 2 ? 'go' : 'java' },
    ],
  }));
  const scope: Scope = { name: 'io.opentelemetry.http', version: '2.1.0', attributes: [] };
  const ok = { code: StatusCode.Unset, message: '' } as const;
  // Children share their parent's window: sequential slots, with some running in parallel.
  const childCount = new Int32Array(n);
  const ordinal = new Int32Array(n);
  for (let i = 1; i < n; i++) ordinal[i] = childCount[shape.parent[i]]++;
  const startNs = new Float64Array(n);
  const endNs = new Float64Array(n);
  endNs[0] = 30_000_000_000;
  const ids = Array.from({ length: n }, () => hex(random, 16));
  for (let i = 1; i < n; i++) {
    const p = shape.parent[i];
    const window = endNs[p] - startNs[p];
    const slot = window / childCount[p];
    const parallel = random() < 0.3;
    startNs[i] =
      startNs[p] + (parallel ? random() * window * 0.2 : ordinal[i] * slot + random() * slot * 0.1);
    endNs[i] = startNs[i] + (parallel ? window * (0.2 + random() * 0.6) : slot * (0.3 + random() * 0.6));
    // A few hosts' clocks are off by a couple of milliseconds.
    if (random() < 0.003) {
      const skew = (random() - 0.5) * 4_000_000;
      startNs[i] += skew;
      endNs[i] += skew;
    }
  }
  // Allocated in the shuffled order, as a decoder allocates spans in the order it reads them:
  // memory follows arrival order, and walking the tree jumps around, as in the real app.
  const order = shuffle(
    Array.from({ length: n }, (_, i) => i),
    random,
  );
  const spans = new Array<Span>(n);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    const p = shape.parent[i];
    const service = shape.service[i];
    const error = random() < 0.01;
    const operation = int(5);
    const start = TRACE_START_NS + BigInt(Math.round(startNs[i]));
    spans[j] = {
      traceId,
      spanId: ids[i],
      parentSpanId: p >= 0 ? ids[p] : '',
      traceState: '',
      flags: 1,
      name: `${VERBS[(service + operation) % VERBS.length]} /${SERVICES[service]}/op-${operation}`,
      kind: kindOf(shape, i, random),
      startTimeUnixNano: start,
      endTimeUnixNano: TRACE_START_NS + BigInt(Math.round(endNs[i])),
      attributes: attributesOf(service, i, random),
      events: error || random() < 0.1 ? eventsOf(error, start, random) : [],
      links: [],
      status: error ? { code: StatusCode.Error, message: 'upstream failed' } : ok,
      resource: resources[service],
      scope,
      warnings: [],
    };
  }
  return spans;
}

function kindOf(shape: Shape, i: number, random: () => number): SpanKind {
  const p = shape.parent[i];
  if (p < 0) return Kinds.Server;
  if (shape.service[p] !== shape.service[i]) return Kinds.Server;
  const roll = random();
  return roll < 0.4
    ? Kinds.Internal
    : roll < 0.9
      ? Kinds.Client
      : roll < 0.95
        ? Kinds.Producer
        : Kinds.Consumer;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200, 200, 200, 200, 200, 200, 201, 204, 404, 503];

function attributesOf(service: number, i: number, random: () => number): Attribute[] {
  const int = (k: number) => Math.floor(random() * k);
  const attributes: Attribute[] = [
    { key: 'http.method', type: 'string', value: METHODS[int(METHODS.length)] },
    { key: 'http.status_code', type: 'int64', value: BigInt(STATUS[int(STATUS.length)]) },
    { key: 'customer_id', type: 'string', value: `cust-${int(10_000)}` },
  ];
  const extra = int(6);
  if (extra > 0) attributes.push({ key: 'http.route', type: 'string', value: `/api/v2/items/${int(500)}` });
  if (extra > 1) attributes.push({ key: 'request_id', type: 'string', value: `req-${i.toString(36)}` });
  if (extra > 2) attributes.push({ key: 'cache.hit', type: 'bool', value: random() < 0.5 });
  if (extra > 3)
    attributes.push({ key: 'db.system', type: 'string', value: service % 2 ? 'postgresql' : 'redis' });
  if (extra > 4)
    attributes.push({
      key: 'db.statement',
      type: 'string',
      value: `SELECT * FROM t${int(40)} WHERE id = $1`,
    });
  return attributes;
}

function eventsOf(error: boolean, at: bigint, random: () => number): SpanEvent[] {
  if (error) {
    return [
      {
        timeUnixNano: at,
        name: 'exception',
        attributes: [
          { key: 'exception.type', type: 'string', value: 'TimeoutError' },
          { key: 'exception.message', type: 'string', value: 'deadline exceeded after 2s' },
        ],
      },
    ];
  }
  return [{ timeUnixNano: at, name: random() < 0.5 ? 'cache miss' : 'retry', attributes: [] }];
}
