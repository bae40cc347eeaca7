/** The all-in-one on the SQLite store, through its HTTP APIs: ingest, search, archive, restart. */
import { describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../../allInOne';
import { otlpJsonRequest, startTestServer, postOtlpJson } from '../../testing/testServer';
import { useTempFiles } from './testing';

const tempFile = useTempFiles();
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const OTHER_ID = '6c9f0008a9149214e37ac744924ed71d';

async function ingest(app: RunningAllInOne, traceId: string, startNs: bigint): Promise<void> {
  expect(await postOtlpJson(app, otlpJsonRequest(traceId, startNs))).toBe(200);
}

async function traceIds(app: RunningAllInOne, search: string): Promise<string[]> {
  const body = (await (await fetch(`${app.urls.query}/api/traces?${search}`)).json()) as {
    data: { traceID: string }[];
  };
  return body.data.map((t) => t.traceID);
}

describe('all-in-one with --storage sqlite', () => {
  it('serves stored and archived traces again after a restart', async () => {
    const sqlitePath = tempFile();
    const nowNs = BigInt(Date.now()) * 1_000_000n;
    const options = { storage: 'sqlite' as const, sqlitePath, maxTraces: 1 };
    const first = await startTestServer(options);
    try {
      await ingest(first, TRACE_ID, nowNs - 60_000_000_000n);
      const archived = await fetch(`${first.urls.query}/api/archive/${TRACE_ID}`, { method: 'POST' });
      expect(archived.status).toBe(200);
      expect(await traceIds(first, 'service=driver&tag=error:true&lookback=1h&limit=1')).toEqual([TRACE_ID]);
      // max_traces 1: the second trace pushes the first out of the main store.
      await ingest(first, OTHER_ID, nowNs - 30_000_000_000n);
    } finally {
      await first.close();
    }

    const second = await startTestServer(options);
    try {
      expect(second.store.stats()).toEqual({ traces: 1, spans: 2 });
      expect(await traceIds(second, 'service=frontend&lookback=1h&limit=1')).toEqual([OTHER_ID]);
      const services = (await (await fetch(`${second.urls.query}/api/services`)).json()) as {
        data: string[];
      };
      expect(services.data.sort()).toEqual(['driver', 'frontend']);
      // Gone from the main store, still in the archive.
      const res = await fetch(`${second.urls.query}/api/traces/${TRACE_ID}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { spans: unknown[] }[] };
      expect(body.data[0].spans).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});
