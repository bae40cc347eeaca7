import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { AlwaysOffSampler, SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteSampling } from './remoteSampling';

/** A sampling endpoint that records which service asked, and answers probability `rate`. */
async function endpoint(rate: () => number) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: rate() } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first fetch of a process can take a while (undici warms up): poll instead of sleeping. */
async function eventually<T>(read: () => T, expected: T): Promise<void> {
  const deadline = Date.now() + 3000;
  while (read() !== expected && Date.now() < deadline) await wait(10);
  expect(read()).toBe(expected);
}
const TRACE_ID = '5b8efff798038103d269b633813fc60c';

function decide(sampler: Sampler, parentSampled?: boolean) {
  const context =
    parentSampled === undefined
      ? ROOT_CONTEXT
      : trace.setSpanContext(ROOT_CONTEXT, {
          traceId: TRACE_ID,
          spanId: '0000000000000001',
          traceFlags: parentSampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        });
  return sampler.shouldSample(context, TRACE_ID, 'op', SpanKind.SERVER, {}, []).decision;
}

describe('remote sampling for the demo', () => {
  it("asks the endpoint for each service's strategy and applies it to root spans", async () => {
    const server = await endpoint(() => 0);
    cleanups.push(server.close);
    const remote = createRemoteSampling({ endpoint: `${server.url}/`, pollingIntervalMs: 30 });
    cleanups.push(() => remote.stop());
    const sampler = remote.samplerFor('frontend');
    const root = () => sampler.shouldSample(ROOT_CONTEXT, TRACE_ID, 'op', SpanKind.SERVER, {}, []).decision;
    // Until the first answer: the initial sampler keeps everything.
    expect(root()).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    await eventually(root, SamplingDecision.NOT_RECORD);
    expect(server.requests).toContain('/sampling?service=frontend');
  });

  it("makes children follow their parent's decision, whatever the strategy", async () => {
    const server = await endpoint(() => 0);
    cleanups.push(server.close);
    const remote = createRemoteSampling({ endpoint: server.url, pollingIntervalMs: 30 });
    cleanups.push(() => remote.stop());
    const sampler = remote.samplerFor('driver');
    await eventually(() => decide(sampler), SamplingDecision.NOT_RECORD);
    expect(decide(sampler, true)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(sampler, false)).toBe(SamplingDecision.NOT_RECORD);
  });

  it('uses the given initial sampler until the first answer', () => {
    const remote = createRemoteSampling({
      endpoint: 'http://127.0.0.1:9',
      pollingIntervalMs: 60_000,
      initialSampler: new AlwaysOffSampler(),
    });
    cleanups.push(() => remote.stop());
    expect(decide(remote.samplerFor('route'))).toBe(SamplingDecision.NOT_RECORD);
  });

  it('stops polling on stop(), and never leaves the global setInterval replaced', async () => {
    const server = await endpoint(() => 1);
    cleanups.push(server.close);
    const original = globalThis.setInterval;
    const remote = createRemoteSampling({ endpoint: server.url, pollingIntervalMs: 20 });
    remote.samplerFor('customer');
    expect(globalThis.setInterval).toBe(original);
    await eventually(() => server.requests.length > 1, true);
    remote.stop();
    await wait(30);
    const asked = server.requests.length;
    expect(asked).toBeGreaterThan(0);
    await wait(100);
    expect(server.requests.length).toBe(asked);
  });

  it('refuses a polling interval that is not positive', () => {
    expect(() => createRemoteSampling({ endpoint: 'http://x', pollingIntervalMs: 0 })).toThrow(
      'pollingIntervalMs must be > 0, got 0',
    );
  });
});
