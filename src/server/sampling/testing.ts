/**
 * For tests: the sampling pieces on their own loopback ports — the sampling port handler, and a
 * query port with the `/api/sampling*` routes behind the same error handling as the all-in-one's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpError } from '../http/httpError';
import { listenHttp, type Listener } from '../http/listen';
import { sendJaegerError, sendNotFound } from '../http/respond';
import { Router } from '../http/router';
import { createMemoryStore } from '../storage/memoryStore';
import type { TraceStore } from '../storage/traceStore';
import { createSampling, type Sampling } from './sampling';
import { registerSamplingRoutes } from './samplingRoutes';

export interface SamplingTestServer {
  sampling: Sampling;
  /** e.g. http://127.0.0.1:40123, serving /api/sampling*. */
  queryUrl: string;
  /** The sampling port: every path answers `?service=`. */
  samplingUrl: string;
  logs: { info: string[]; error: string[] };
  close(): Promise<void>;
}

export interface SamplingTestOptions {
  file?: string;
  defaultProbability?: number;
  reloadIntervalMs?: number;
  traces?: TraceStore;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'tracelens-sampling-'));

export async function startSamplingTestServer(
  options: SamplingTestOptions = {},
): Promise<SamplingTestServer> {
  const logs = { info: [] as string[], error: [] as string[] };
  const log = { info: (m: string) => logs.info.push(m), error: (m: string) => logs.error.push(m) };
  const sampling = await createSampling({
    file: options.file ?? '',
    defaultProbability: options.defaultProbability ?? 1,
    reloadIntervalMs: options.reloadIntervalMs ?? 50,
    log,
    traces: options.traces ?? createMemoryStore({ maxTraces: 100 }),
  });
  const router = new Router();
  registerSamplingRoutes(router, sampling.routes);
  const query = await listenHttp(
    'query',
    '127.0.0.1',
    0,
    async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (!match) return sendNotFound(res);
      try {
        await match.handler({ req, res, params: match.params, query: url.searchParams, path: url.pathname });
      } catch (err) {
        if (err instanceof HttpError) return sendJaegerError(res, err.status, err.message);
        throw err;
      }
    },
    log.error,
  );
  let port: Listener;
  try {
    port = await listenHttp('sampling', '127.0.0.1', 0, sampling.handler, log.error);
  } catch (err) {
    await query.close();
    throw err;
  }
  return {
    sampling,
    queryUrl: query.url,
    samplingUrl: port.url,
    logs,
    async close() {
      sampling.close();
      await Promise.all([query.close(), port.close()]);
    },
  };
}
