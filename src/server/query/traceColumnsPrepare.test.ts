import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { decodeTraceColumns } from '../../core/columns/decodeTraceColumns';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { Router } from '../http/router';
import { createMemoryStore } from '../storage/memoryStore';
import { registerTraceColumnsRoutes } from './traceColumnsRoute';

/** Runs the columns route for a trace ID as the query port would, and returns the body. */
async function getColumns(router: Router, traceId: string): Promise<Uint8Array> {
  const path = `/api/traces/${traceId}/columns`;
  const match = router.match('GET', path);
  if (!match) throw new Error('no columns route');
  const parts: Uint8Array[] = [];
  const res = {
    writeHead: () => res,
    write: (part: Uint8Array) => parts.push(part),
    end: () => undefined,
  };
  await match.handler({
    req: { method: 'GET' } as IncomingMessage,
    res: res as unknown as ServerResponse,
    params: match.params,
    query: new URLSearchParams(),
    path,
  });
  return new Uint8Array(Buffer.concat(parts));
}

describe('preparing a trace page\u2019s columns (traceColumnsRoute prepare)', () => {
  it('encodes the trace before the page asks, once, and answers the page from that', async () => {
    const store = createMemoryStore({ maxTraces: 10 });
    const { spans, traceId } = syntheticTrace(2_000, 7);
    await store.writeSpans(spans);
    const router = new Router();
    const encoded: string[] = [];
    const routes = registerTraceColumnsRoutes(router, {
      store,
      onEncoded: (id, spanCount) => encoded.push(`${id}:${spanCount}`),
    });

    await routes.prepare(traceId.toUpperCase());
    expect(encoded).toEqual([`${traceId}:2000`]);
    const columns = decodeTraceColumns(await getColumns(router, traceId));
    expect(columns.spanCount).toBe(2_000);
    expect(encoded).toHaveLength(1);

    // A span more: the trace changed, so the page's request encodes it again.
    await store.writeSpans([{ ...spans[1], spanId: 'ffffffffffffff01' }]);
    expect(decodeTraceColumns(await getColumns(router, traceId)).spanCount).toBe(2_001);
    expect(encoded).toEqual([`${traceId}:2000`, `${traceId}:2001`]);
  });

  it('does nothing, and never fails, for a trace it does not have or an ID that is none', async () => {
    const router = new Router();
    const encoded: string[] = [];
    const routes = registerTraceColumnsRoutes(router, {
      store: createMemoryStore({ maxTraces: 10 }),
      onEncoded: (id) => encoded.push(id),
    });
    await expect(routes.prepare('0123456789abcdef0123456789abcdef')).resolves.toBeUndefined();
    await expect(routes.prepare('not-an-id')).resolves.toBeUndefined();
    expect(encoded).toEqual([]);
  });
});
