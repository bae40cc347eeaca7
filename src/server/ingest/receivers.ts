/**
 * The ingest listeners, each on its own port as in Jaeger: OTLP/HTTP (4318), OTLP/gRPC (4317)
 * and Zipkin (9411).
 */
import type { Config } from '../config';
import { listenHttp } from '../http/listen';
import { sendGoError } from '../http/respond';
import { listenOtlpGrpc } from './otlpGrpc';
import { createOtlpHttpHandler } from './otlpHttp';
import type { IngestPipeline } from './pipeline';
import { createZipkinHandler } from './zipkin';

export interface Receivers {
  urls: { otlpHttp: string; otlpGrpc: string; zipkin: string };
  close(): Promise<void>;
}

export async function startReceivers(
  config: Config,
  pipeline: IngestPipeline,
  logError: (m: string) => void,
): Promise<Receivers> {
  const listeners: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    await Promise.all(listeners.map((l) => l.close()));
  };
  try {
    const otlp = createOtlpHttpHandler(pipeline, { maxBodyBytes: config.maxRequestBytes, log: logError });
    const otlpHttp = await listenHttp(
      'otlp-http',
      config.listenHost,
      config.otlpHttpPort,
      async (req, res) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path !== '/v1/traces') return sendGoError(res, 404, '404 page not found');
        await otlp(req, res);
      },
      logError,
    );
    listeners.push(otlpHttp);

    const otlpGrpc = await listenOtlpGrpc(pipeline, {
      host: config.listenHost,
      port: config.otlpGrpcPort,
      maxMessageBytes: config.maxRequestBytes,
      log: logError,
    });
    listeners.push(otlpGrpc);

    // Like the collector's zipkin receiver, the handler serves every path (v1 vs v2 by path).
    const zipkin = await listenHttp(
      'zipkin',
      config.listenHost,
      config.zipkinPort,
      createZipkinHandler(pipeline, { maxBodyBytes: config.maxRequestBytes, log: logError }),
      logError,
    );
    listeners.push(zipkin);

    return {
      urls: { otlpHttp: otlpHttp.url, otlpGrpc: otlpGrpc.url, zipkin: zipkin.url },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
