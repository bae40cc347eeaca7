/** The ingest listeners, each on its own port as in Jaeger: OTLP/HTTP (4318). */
import type { Config } from '../config';
import { listenHttp, type Listener } from '../http/listen';
import { sendGoError } from '../http/respond';
import { createOtlpHttpHandler } from './otlpHttp';
import type { IngestPipeline } from './pipeline';

export interface Receivers {
  urls: { otlpHttp: string };
  close(): Promise<void>;
}

export async function startReceivers(
  config: Config,
  pipeline: IngestPipeline,
  logError: (m: string) => void,
): Promise<Receivers> {
  const listeners: Listener[] = [];
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
    return {
      urls: { otlpHttp: otlpHttp.url },
      close: async () => {
        await Promise.all(listeners.map((l) => l.close()));
      },
    };
  } catch (err) {
    await Promise.all(listeners.map((l) => l.close()));
    throw err;
  }
}
