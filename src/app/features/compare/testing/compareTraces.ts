/**
 * Two checkout requests in Jaeger's v1 JSON for the compare page's tests (imported by tests only).
 * B, the slow one, retries the payment call (1 → 3 charges), adds a fraud check, drops the cache
 * lookup, and its inventory query takes 150 ms instead of 30 ms.
 *
 *   A  shop: POST /checkout    0 ────────────────── 200 ms
 *        cache: GET              5 ─ 15
 *        inventory: reserve        20 ──── 80
 *          db: UPDATE stock          30 ─ 60
 *        payments: charge                  90 ── 180
 *
 *   B  shop: POST /checkout    0 ───────────────────────────────── 330 ms
 *        inventory: reserve        20 ─────────── 200
 *          db: UPDATE stock          30 ──────── 180
 *        fraud: score                               205 ─ 215
 *        payments: charge × 3                            220 ─ 320 (3 × 30 ms, one failing)
 */
import type { JaegerKeyValue, JaegerSpan, JaegerTrace } from '../../../../core/jaeger/jaegerJson';

export const TRACE_A = '1111111111111111aaaaaaaaaaaaaaaa';
export const TRACE_B = '2222222222222222bbbbbbbbbbbbbbbb';
const START_US = 1_764_000_000_000_000;

interface SpanSpec {
  id: string;
  parent?: string;
  service: string;
  operation: string;
  /** Milliseconds from the trace start. */
  at: [number, number];
  error?: boolean;
}

function jaegerTrace(traceID: string, specs: readonly SpanSpec[], startUs = START_US): JaegerTrace {
  const services = [...new Set(specs.map((s) => s.service))];
  const processes: JaegerTrace['processes'] = {};
  services.forEach((name, i) => (processes[`p${i}`] = { serviceName: name, tags: [] }));
  const spans = specs.map((s): JaegerSpan => {
    const tags: JaegerKeyValue[] = s.error ? [{ key: 'error', type: 'bool', value: true }] : [];
    return {
      traceID,
      spanID: s.id.padStart(16, '0'),
      operationName: s.operation,
      references: s.parent ? [{ refType: 'CHILD_OF', traceID, spanID: s.parent.padStart(16, '0') }] : [],
      startTime: startUs + s.at[0] * 1000,
      duration: (s.at[1] - s.at[0]) * 1000,
      tags,
      logs: [],
      processID: `p${services.indexOf(s.service)}`,
      warnings: null,
    };
  });
  return { traceID, spans, processes, warnings: null };
}

export const checkoutA = jaegerTrace(TRACE_A, [
  { id: 'a1', service: 'shop', operation: 'POST /checkout', at: [0, 200] },
  { id: 'a2', parent: 'a1', service: 'cache', operation: 'GET', at: [5, 15] },
  { id: 'a3', parent: 'a1', service: 'inventory', operation: 'reserve', at: [20, 80] },
  { id: 'a4', parent: 'a3', service: 'db', operation: 'UPDATE stock', at: [30, 60] },
  { id: 'a5', parent: 'a1', service: 'payments', operation: 'charge', at: [90, 180] },
]);

export const checkoutB = jaegerTrace(
  TRACE_B,
  [
    { id: 'b1', service: 'shop', operation: 'POST /checkout', at: [0, 330] },
    { id: 'b3', parent: 'b1', service: 'inventory', operation: 'reserve', at: [20, 200] },
    { id: 'b4', parent: 'b3', service: 'db', operation: 'UPDATE stock', at: [30, 180] },
    { id: 'b6', parent: 'b1', service: 'fraud', operation: 'score', at: [205, 215] },
    { id: 'b5', parent: 'b1', service: 'payments', operation: 'charge', at: [220, 250], error: true },
    { id: 'b7', parent: 'b1', service: 'payments', operation: 'charge', at: [255, 285] },
    { id: 'b8', parent: 'b1', service: 'payments', operation: 'charge', at: [290, 320] },
  ],
  START_US + 60_000_000,
);

/** The span ID the trace page is opened on for a node: the first span of that node. */
export const spanIdOf = (id: string) => id.padStart(16, '0');
