/**
 * End to end, without restarting anything: an OpenTelemetry SDK with the real JaegerRemoteSampler
 * polls our sampling endpoint while it emits spans to a test all-in-one; a strategy changed through
 * the API changes the sampled fraction within a couple of polling intervals.
 */
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteSampling, type RemoteSampling } from '../../demo/remoteSampling';
import type { RunningAllInOne } from '../allInOne';
import { startTestServer } from '../testing/testServer';
import { startSamplingTestServer, type SamplingTestServer } from './testing';

const POLLING_MS = 250;
const SERVICE = 'checkout';

let app: RunningAllInOne;
/** Only while the all-in-one does not serve sampling itself yet. */
let standalone: SamplingTestServer | undefined;
let queryUrl: string;
let remote: RemoteSampling;
let provider: BasicTracerProvider;

beforeAll(async () => {
  app = await startTestServer();
  const urls: Record<string, string | undefined> = app.urls;
  const wired = urls.sampling && (await fetch(`${urls.query}/api/sampling/strategies`)).ok;
  if (wired) {
    queryUrl = urls.query!;
  } else {
    standalone = await startSamplingTestServer({ traces: app.store });
    app.pipeline.observe(standalone.sampling.observe);
    queryUrl = standalone.queryUrl;
  }
  remote = createRemoteSampling({
    endpoint: urls.sampling && wired ? urls.sampling : standalone!.samplingUrl,
    pollingIntervalMs: POLLING_MS,
  });
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE }),
    sampler: remote.samplerFor(SERVICE),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${app.urls.otlpHttp}/v1/traces` }), {
        maxQueueSize: 100_000,
        maxExportBatchSize: 2_000,
        scheduledDelayMillis: 100,
      }),
    ],
  });
});

afterAll(async () => {
  remote?.stop();
  await provider?.shutdown();
  await standalone?.close();
  await app?.close();
});

let recordedSpans = 0;

/** Starts `n` requests (a root and a child each); returns the fraction of roots sampled. */
function burst(n: number): number {
  const tracer = provider.getTracer('e2e');
  let sampled = 0;
  for (let i = 0; i < n; i++) {
    const root = tracer.startSpan('POST /checkout', {}, ROOT_CONTEXT);
    const child = tracer.startSpan('charge card', {}, trace.setSpan(ROOT_CONTEXT, root));
    // ParentBased: the child always follows the root's decision.
    expect(child.isRecording()).toBe(root.isRecording());
    if (root.isRecording()) {
      sampled++;
      recordedSpans += 2;
    }
    child.end();
    root.end();
  }
  return sampled / n;
}

async function putStrategy(body: unknown): Promise<void> {
  const response = await fetch(`${queryUrl}/api/sampling/strategies/${SERVICE}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Milliseconds until a burst's sampled fraction satisfies `done`, bursting every 25 ms. */
async function timeUntil(done: (fraction: number) => boolean, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (done(burst(200))) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the sampled fraction did not change within ${limitMs} ms`);
}

describe('remote sampling with the real JaegerRemoteSampler', () => {
  it('samples everything under the default strategy (probability 1)', async () => {
    // Past the first poll, so the fraction comes from the endpoint, not the initial sampler.
    await new Promise((r) => setTimeout(r, POLLING_MS * 2));
    expect(burst(500)).toBe(1);
  });

  it('follows a change to probability 0.1 within a couple of polling intervals', async () => {
    await putStrategy({ type: 'probabilistic', param: 0.1 });
    const elapsed = await timeUntil((f) => f < 0.3, 5_000);
    // The change lands within one poll; the slack is for a loaded CI machine.
    expect(elapsed).toBeLessThan(2 * POLLING_MS + 500);
    // ±0.03 is about seven standard deviations of 5000 Bernoulli(0.1) draws.
    expect(burst(5_000)).toBeGreaterThan(0.07);
    expect(burst(5_000)).toBeLessThan(0.13);
  });

  it('sends only the sampled spans to the backend', async () => {
    await provider.forceFlush();
    const deadline = Date.now() + 5_000;
    while (app.store.stats().spans < recordedSpans && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(app.store.stats().spans).toBe(recordedSpans);
    expect(await app.store.getServices()).toEqual([SERVICE]);
  });

  it('keeps the previous strategy on rate limiting, which OpenTelemetry JS 0.222 does not implement', async () => {
    await putStrategy({ type: 'ratelimiting', param: 5 });
    await new Promise((r) => setTimeout(r, POLLING_MS * 3));
    const fraction = burst(5_000);
    expect(fraction).toBeGreaterThan(0.07);
    expect(fraction).toBeLessThan(0.13);
  });

  it('goes back to sampling everything when the service returns to the default strategy', async () => {
    const response = await fetch(`${queryUrl}/api/sampling/strategies/${SERVICE}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    const elapsed = await timeUntil((f) => f === 1, 5_000);
    expect(elapsed).toBeLessThan(2 * POLLING_MS + 500);
  });
});
