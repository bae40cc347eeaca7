import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSpan } from '../../core/testing/traceBuilder';
import { createMemoryStore } from '../storage/memoryStore';
import type { SamplingState } from './samplingRoutes';
import {
  startSamplingTestServer,
  tempDir,
  type SamplingTestOptions,
  type SamplingTestServer,
} from './testing';

const servers: SamplingTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: SamplingTestOptions = {}) {
  const server = await startSamplingTestServer(options);
  servers.push(server);
  return server;
}

const json = (body: unknown, method = 'PUT'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** The v1 envelope's message, as the UI reads it. */
async function errorMessage(response: Response): Promise<string> {
  const body = JSON.parse(await response.text()) as { errors: { msg: string }[] };
  return body.errors[0].msg;
}

describe('the sampling port', () => {
  it('answers on any path and method, as Jaeger registers its handler on "/"', async () => {
    const { samplingUrl } = await start();
    for (const path of ['/', '/sampling', '/api/sampling', '/any/thing']) {
      const response = await fetch(`${samplingUrl}${path}?service=frontend`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(
        '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}',
      );
    }
    expect((await fetch(`${samplingUrl}/?service=x`, { method: 'POST' })).status).toBe(200);
  });

  it("answers 400 text/plain unless 'service' appears exactly once (an empty one counts)", async () => {
    const { samplingUrl } = await start();
    for (const query of ['', '?svc=a', '?service=a&service=b']) {
      const response = await fetch(`${samplingUrl}/sampling${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe("'service' parameter must be provided once\n");
    }
    expect((await fetch(`${samplingUrl}/sampling?service=`)).status).toBe(200);
  });

  it('is served byte for byte at /api/sampling on the query port too', async () => {
    const { queryUrl, samplingUrl, sampling } = await start();
    await sampling.store.setService({ service: 'a', type: 'ratelimiting', param: 2 });
    const [viaQuery, viaPort] = await Promise.all([
      fetch(`${queryUrl}/api/sampling?service=a`),
      fetch(`${samplingUrl}/sampling?service=a`),
    ]);
    expect(await viaQuery.text()).toBe(await viaPort.text());
    const bad = await fetch(`${queryUrl}/api/sampling`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("'service' parameter must be provided once\n");
  });
});

describe('the strategies API', () => {
  it('lists services from the trace store and from the strategies, each with what it is answered', async () => {
    const traces = createMemoryStore({ maxTraces: 10 });
    await traces.writeSpans([buildSpan({ id: 'a', at: [0, 1], service: 'frontend' })]);
    const { queryUrl, sampling } = await start({ traces, defaultProbability: 0.25 });
    await sampling.store.setService({ service: 'billing', type: 'probabilistic', param: 0.5 });

    const state = (await (await fetch(`${queryUrl}/api/sampling/strategies`)).json()) as SamplingState;
    expect(state).toEqual({
      file: '',
      revision: 1,
      defaultProbability: 0.25,
      document: { service_strategies: [{ service: 'billing', type: 'probabilistic', param: 0.5 }] },
      defaultStrategy: { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.25 } },
      services: [
        {
          service: 'billing',
          seen: false,
          configured: { service: 'billing', type: 'probabilistic', param: 0.5 },
          effective: { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.5 } },
        },
        {
          service: 'frontend',
          seen: true,
          configured: null,
          effective: { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.25 } },
        },
      ],
    });
  });

  it('round-trips one service, per-operation overrides included, and the sampling port follows', async () => {
    const { queryUrl, samplingUrl } = await start();
    const put = await fetch(
      `${queryUrl}/api/sampling/strategies/frontend`,
      json({
        type: 'probabilistic',
        param: 0.1,
        operation_strategies: [{ operation: 'GET /health', type: 'probabilistic', param: 0 }],
      }),
    );
    expect(put.status).toBe(200);
    const state = (await put.json()) as SamplingState & { warnings: string[] };
    expect(state.warnings).toEqual([]);
    expect(state.services.find((s) => s.service === 'frontend')?.configured).toEqual({
      service: 'frontend',
      type: 'probabilistic',
      param: 0.1,
      operation_strategies: [{ operation: 'GET /health', type: 'probabilistic', param: 0 }],
    });
    expect(await (await fetch(`${samplingUrl}/sampling?service=frontend`)).text()).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.1},' +
        '"operationSampling":{"defaultSamplingProbability":0.1,"defaultLowerBoundTracesPerSecond":0,' +
        '"perOperationStrategies":[{"operation":"GET /health","probabilisticSampling":{"samplingRate":0}}],' +
        '"defaultUpperBoundTracesPerSecond":0}}',
    );

    // Service names are path segments: encoded ones work.
    const odd = await fetch(
      `${queryUrl}/api/sampling/strategies/${encodeURIComponent('web/app v2')}`,
      json({ type: 'ratelimiting', param: 3 }),
    );
    expect(odd.status).toBe(200);
    expect(await (await fetch(`${samplingUrl}/?service=${encodeURIComponent('web/app v2')}`)).text()).toBe(
      '{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":3}}',
    );

    const removed = await fetch(`${queryUrl}/api/sampling/strategies/frontend`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await (await fetch(`${samplingUrl}/sampling?service=frontend`)).text()).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}',
    );
    const again = await fetch(`${queryUrl}/api/sampling/strategies/frontend`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await errorMessage(again)).toBe('service "frontend" has no sampling strategy of its own');
  });

  it('refuses invalid edits with 400 and the problems, leaving the strategies as they were', async () => {
    const { queryUrl, samplingUrl, sampling } = await start();
    await sampling.store.setService({ service: 'frontend', type: 'probabilistic', param: 0.5 });
    const cases: [string, RequestInit, string][] = [
      [
        '/api/sampling/strategies/frontend',
        json({ type: 'probabilistic', param: 1.5 }),
        'param: probability must be between 0 and 1, got 1.5',
      ],
      [
        '/api/sampling/strategies',
        json({
          service_strategies: [
            { service: 'a' },
            { service: 'b' },
            { service: 'frontend', type: 'probabilistic', param: 2 },
          ],
        }),
        'service_strategies[2].param: probability must be between 0 and 1, got 2',
      ],
      [
        '/api/sampling/strategies',
        { method: 'PUT', body: '{"service_strategies": [' },
        'the request body is not valid JSON',
      ],
    ];
    for (const [path, init, message] of cases) {
      const response = await fetch(`${queryUrl}${path}`, init);
      expect(response.status).toBe(400);
      expect(await errorMessage(response)).toContain(message);
    }
    expect(await (await fetch(`${samplingUrl}/sampling?service=frontend`)).text()).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.5}}',
    );
  });

  it('replaces the whole document, reporting what Jaeger would ignore', async () => {
    const { queryUrl, samplingUrl } = await start();
    const response = await fetch(
      `${queryUrl}/api/sampling/strategies`,
      json({
        default_strategy: { type: 'probabilistic', param: 0.2 },
        service_strategies: [
          {
            service: 'a',
            type: 'probabilistic',
            param: 1,
            operation_strategies: [{ operation: 'x', type: 'ratelimiting', param: 3 }],
          },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { warnings: string[] }).warnings).toEqual([
      'service_strategies[0].operation_strategies[0]: rate limiting is not supported per operation; Jaeger ignores this entry',
    ]);
    expect(await (await fetch(`${samplingUrl}/sampling?service=nobody`)).text()).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.2}}',
    );
  });

  it('persists edits to the strategies file and follows edits made to the file', async () => {
    const file = join(tempDir(), 'strategies.json');
    writeFileSync(
      file,
      JSON.stringify({ service_strategies: [{ service: 'a', type: 'probabilistic', param: 0.5 }] }),
    );
    const { queryUrl, samplingUrl } = await start({ file, reloadIntervalMs: 20 });
    await fetch(`${queryUrl}/api/sampling/strategies/b`, json({ type: 'ratelimiting', param: 9 }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      service_strategies: [
        { service: 'a', type: 'probabilistic', param: 0.5 },
        { service: 'b', type: 'ratelimiting', param: 9 },
      ],
    });

    writeFileSync(
      file,
      JSON.stringify({ service_strategies: [{ service: 'a', type: 'probabilistic', param: 0.05 }] }),
    );
    const deadline = Date.now() + 2000;
    let body = '';
    while (Date.now() < deadline) {
      body = await (await fetch(`${samplingUrl}/sampling?service=a`)).text();
      if (body.includes('0.05')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(body).toBe('{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.05}}');
    const state = (await (await fetch(`${queryUrl}/api/sampling/strategies`)).json()) as SamplingState;
    expect(state.file).toBe(file);
    expect(state.services.map((s) => s.service)).toEqual(['a']);
  });
});

describe('the observed rates API', () => {
  it('reports spans/s and traces/s per service over a window', async () => {
    const { queryUrl, sampling } = await start();
    sampling.observe([buildSpan({ id: 'r', at: [0, 1], service: 'frontend' })]);
    const response = await fetch(`${queryUrl}/api/sampling/observed?window=1m`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      windowSeconds: number;
      services: { service: string; points: unknown[] }[];
    };
    expect(report.windowSeconds).toBe(60);
    expect(report.services.map((s) => [s.service, s.points.length])).toEqual([['frontend', 12]]);
  });

  it('refuses a window it cannot answer', async () => {
    const { queryUrl } = await start();
    for (const [window, message] of [
      ['soon', 'window: time: invalid duration "soon"'],
      ['1s', 'window: must be between 5s and 30m, got "1s"'],
    ]) {
      const response = await fetch(`${queryUrl}/api/sampling/observed?window=${window}`);
      expect(response.status).toBe(400);
      expect(await errorMessage(response)).toBe(message);
    }
  });
});
