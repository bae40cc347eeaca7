/**
 * The all-in-one: one process with the query API and UI, the OTLP/HTTP receiver and the
 * in-memory store, each listener on its own port as in Jaeger.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { HttpError } from './http/httpError';
import { sendGoError, sendJaegerError, sendJson, sendNotFound } from './http/respond';
import { Router } from './http/router';
import { createOtlpHttpHandler } from './ingest/otlpHttp';
import { createIngestPipeline, type IngestPipeline } from './ingest/pipeline';
import { registerApiV1 } from './query/apiV1';
import { createMemoryStore } from './storage/memoryStore';
import type { TraceStore } from './storage/traceStore';
import { createStaticUi } from './ui/staticUi';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export interface RunningAllInOne {
  config: Config;
  store: TraceStore;
  pipeline: IngestPipeline;
  /** Real bound addresses, e.g. http://127.0.0.1:16686 (after port 0 was resolved). */
  urls: { query: string; otlpHttp: string };
  close(): Promise<void>;
}

const packageVersion = (): string => {
  try {
    return (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
  } catch {
    return 'dev';
  }
};

function loadUiConfig(file: string): unknown {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`ui_config ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export async function startAllInOne(config: Config, log: Logger): Promise<RunningAllInOne> {
  const store = createMemoryStore({ maxTraces: config.maxTraces });
  const pipeline = createIngestPipeline(store);
  const router = new Router();
  registerApiV1(router, { store });
  const version = packageVersion();
  const serveUi = createStaticUi({
    dir: config.uiDir,
    uiConfig: loadUiConfig(config.uiConfig),
    capabilities: { archiveStorage: false, metricsStorage: false, aiAssistant: false },
    version: { gitCommit: '', gitVersion: `tracelens-${version}`, buildDate: '' },
  });

  const base = config.basePath;
  const handleQuery = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = url.pathname;
    if (base) {
      if (path === base) path = '/';
      else if (path.startsWith(`${base}/`)) path = path.slice(base.length);
      else return sendNotFound(res);
    }
    if (path === '/health') return sendJson(res, 200, { status: 'ready', ...store.stats() });
    if (path === '/api' || path.startsWith('/api/')) {
      const match = router.match(req.method ?? 'GET', path);
      if (!match) return sendNotFound(res);
      try {
        await match.handler({ req, res, params: match.params, query: url.searchParams, path });
      } catch (err) {
        if (err instanceof HttpError) return sendJaegerError(res, err.status, err.message);
        log.error(
          `${req.method} ${url.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        if (!res.headersSent) sendJaegerError(res, 500, 'internal error; see the server log');
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendNotFound(res);
    serveUi(path, res);
  };

  const otlpHandler = createOtlpHttpHandler(pipeline, {
    maxBodyBytes: config.maxRequestBytes,
    log: log.error,
  });
  const handleOtlp = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/v1/traces') return sendGoError(res, 404, '404 page not found');
    await otlpHandler(req, res);
  };

  const servers: Server[] = [];
  const listen = async (
    port: number,
    handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
    name: string,
  ) => {
    const server = createServer((req, res) => {
      handler(req, res).catch((err: unknown) => {
        log.error(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!res.headersSent) sendGoError(res, 500, 'internal error');
        else res.destroy();
      });
    });
    server.requestTimeout = 60_000;
    server.headersTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `${name}: cannot listen on ${config.listenHost}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`,
          ),
        ),
      );
      server.listen(port, config.listenHost, () => resolve());
    });
    servers.push(server);
    const { port: real } = server.address() as AddressInfo;
    const host = config.listenHost.includes(':') ? `[${config.listenHost}]` : config.listenHost;
    return `http://${host}:${real}`;
  };

  try {
    const query = await listen(config.queryPort, handleQuery, 'query');
    const otlpHttp = await listen(config.otlpHttpPort, handleOtlp, 'otlp-http');
    return {
      config,
      store,
      pipeline,
      urls: { query: `${query}${base}`, otlpHttp },
      async close() {
        await Promise.all(
          servers.map(
            (s) =>
              new Promise<void>((resolve) => {
                s.close(() => resolve());
                s.closeIdleConnections();
                setTimeout(() => s.closeAllConnections(), 2000).unref();
              }),
          ),
        );
        await store.close();
      },
    };
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }
}
