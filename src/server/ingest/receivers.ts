/**
 * The ingest listeners, each on its own port as in Jaeger: OTLP/HTTP (4318), OTLP/gRPC (4317)
 * and Zipkin (9411), with the same limits, ingest token and CORS allowlist on each.
 */
import type { Config } from '../config';
import { listenHttp } from '../http/listen';
import { sendGoError } from '../http/respond';
import { guardIngest } from '../security/ingestGuard';
import type { IngestLimits } from './admission';
import { listenOtlpGrpc } from './otlpGrpc';
import { createOtlpHttpHandler, sendOtlpUnauthenticated } from './otlpHttp';
import type { IngestPipeline } from './pipeline';
import { createZipkinHandler } from './zipkin';

export interface Receivers {
  urls: { otlpHttp: string; otlpGrpc: string; zipkin: string };
  close(): Promise<void>;
}

export function ingestLimits(config: Config): IngestLimits {
  return {
    maxSpansPerRequest: config.maxSpansPerRequest,
    maxAttributesPerSpan: config.maxAttributesPerSpan,
    maxAttributeValueLength: config.maxAttributeValueLength,
    maxFutureSkewMs: config.maxFutureSkew,
  };
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
  const limits = ingestLimits(config);
  const listenOptions = { requestTimeoutMs: config.requestTimeout };
  try {
    const otlp = createOtlpHttpHandler(pipeline, {
      maxBodyBytes: config.maxRequestBytes,
      limits,
      log: logError,
    });
    const otlpHttp = await listenHttp(
      'otlp-http',
      config.listenHost,
      config.otlpHttpPort,
      guardIngest(
        async (req, res) => {
          const path = new URL(req.url ?? '/', 'http://localhost').pathname;
          if (path !== '/v1/traces') return sendGoError(res, 404, '404 page not found');
          await otlp(req, res);
        },
        {
          token: config.ingestToken,
          corsOrigins: config.ingestCorsAllowedOrigins,
          refuse: (req, res, failure) => sendOtlpUnauthenticated(req, res, failure.message),
        },
      ),
      logError,
      listenOptions,
    );
    listeners.push(otlpHttp);

    const otlpGrpc = await listenOtlpGrpc(pipeline, {
      host: config.listenHost,
      port: config.otlpGrpcPort,
      maxMessageBytes: config.maxRequestBytes,
      limits,
      token: config.ingestToken,
      log: logError,
    });
    listeners.push(otlpGrpc);

    // Like the collector's zipkin receiver, the handler serves every path (v1 vs v2 by path).
    const zipkin = await listenHttp(
      'zipkin',
      config.listenHost,
      config.zipkinPort,
      guardIngest(
        createZipkinHandler(pipeline, { maxBodyBytes: config.maxRequestBytes, limits, log: logError }),
        {
          token: config.ingestToken,
          corsOrigins: config.ingestCorsAllowedOrigins,
          refuse: (_req, res, failure) => sendGoError(res, 401, failure.message),
        },
      ),
      logError,
      listenOptions,
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
