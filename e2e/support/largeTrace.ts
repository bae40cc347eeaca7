/**
 * A generated batch-job trace of about 100k spans in OTLP/JSON, posted to the all-in-one in
 * several requests the way a collector would forward it: a scheduler root, 1,000 items, each
 * an HTTP client call to an API server that runs 97 database queries. Every 101st query fails.
 */
import { randomBytes } from 'node:crypto';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
interface OtlpAttribute {
  key: string;
  value: { stringValue: string } | { intValue: string };
}
const str = (key: string, value: string): OtlpAttribute => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): OtlpAttribute => ({ key, value: { intValue: String(value) } });

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  status: { code: number; message?: string };
}

export interface LargeTrace {
  traceId: string;
  spanCount: number;
  errorCount: number;
  /** One OTLP/JSON request body per batch. */
  batches: string[];
}

export function largeTrace(items = 1000, queriesPerItem = 97, batchSize = 10_000): LargeTrace {
  const traceId = hex(16);
  const startNs = BigInt(Date.now() - 120_000) * 1_000_000n;
  const at = (us: number) => String(startNs + BigInt(Math.round(us * 1000)));
  const bySpan: { service: string; span: OtlpSpan }[] = [];
  const add = (service: string, span: Omit<OtlpSpan, 'traceId'>) =>
    bySpan.push({ service, span: { traceId, ...span } });
  const rootId = hex(8);
  const itemUs = 60_000;
  add('scheduler', {
    spanId: rootId,
    parentSpanId: '',
    name: 'nightly-reindex',
    kind: 2,
    startTimeUnixNano: at(0),
    endTimeUnixNano: at(items * 55_000 + itemUs),
    attributes: [str('job.name', 'nightly-reindex'), int('job.items', items)],
    status: { code: 0 },
  });
  let errors = 0;
  for (let i = 0; i < items; i++) {
    const t = i * 55_000;
    const itemId = hex(8);
    const clientId = hex(8);
    const serverId = hex(8);
    add('item-worker', {
      spanId: itemId,
      parentSpanId: rootId,
      name: 'process-item',
      kind: 1,
      startTimeUnixNano: at(t),
      endTimeUnixNano: at(t + itemUs),
      attributes: [int('item.index', i)],
      status: { code: 0 },
    });
    add('item-worker', {
      spanId: clientId,
      parentSpanId: itemId,
      name: 'POST /documents',
      kind: 3,
      startTimeUnixNano: at(t + 1_000),
      endTimeUnixNano: at(t + 51_000),
      attributes: [str('http.request.method', 'POST'), str('server.address', 'api')],
      status: { code: 0 },
    });
    add('document-api', {
      spanId: serverId,
      parentSpanId: clientId,
      name: 'POST /documents',
      kind: 2,
      startTimeUnixNano: at(t + 2_000),
      endTimeUnixNano: at(t + 50_000),
      attributes: [str('http.route', '/documents'), int('http.response.status_code', 200)],
      status: { code: 0 },
    });
    for (let q = 0; q < queriesPerItem; q++) {
      const qt = t + 3_000 + q * 480;
      const failed = (i * queriesPerItem + q) % 101 === 100;
      if (failed) errors++;
      add('postgres', {
        spanId: hex(8),
        parentSpanId: serverId,
        name: q % 3 === 0 ? 'SELECT documents' : 'INSERT index_entries',
        kind: 3,
        startTimeUnixNano: at(qt),
        endTimeUnixNano: at(qt + 400),
        attributes: [
          str('db.system', 'postgresql'),
          str('db.statement', `INSERT INTO index_entries VALUES ($1, $2) -- item ${i} query ${q}`),
        ],
        status: failed ? { code: 2, message: 'deadlock detected' } : { code: 0 },
      });
    }
  }
  const batches: string[] = [];
  for (let from = 0; from < bySpan.length; from += batchSize) {
    const services = new Map<string, OtlpSpan[]>();
    for (const { service, span } of bySpan.slice(from, from + batchSize)) {
      if (!services.has(service)) services.set(service, []);
      services.get(service)!.push(span);
    }
    batches.push(
      JSON.stringify({
        resourceSpans: [...services].map(([service, spans]) => ({
          resource: { attributes: [str('service.name', service), str('host.name', `${service}-1`)] },
          scopeSpans: [{ scope: { name: 'e2e-large-trace', version: '1.0.0' }, spans }],
        })),
      }),
    );
  }
  return { traceId, spanCount: bySpan.length, errorCount: errors, batches };
}

/** Posts every batch to `<otlpHttpBase>/v1/traces` and fails loudly on a refused one. */
export async function postLargeTrace(otlpHttpBase: string, trace: LargeTrace): Promise<void> {
  for (const body of trace.batches) {
    const response = await fetch(`${otlpHttpBase}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    if (!response.ok) throw new Error(`OTLP batch refused: HTTP ${response.status} ${await response.text()}`);
  }
}
