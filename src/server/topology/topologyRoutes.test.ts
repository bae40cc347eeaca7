import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/httpError';
import { Router } from '../http/router';
import { makeResource, makeSpan } from '../storage/conformance/spans';
import { TopologyAggregator } from './aggregator';
import { parseTopologyWindow, registerTopologyRoutes } from './topologyRoutes';

function fakeResponse() {
  const out = { status: 0, body: '' };
  const res = {
    writeHead: (status: number) => (out.status = status),
    end: (text: string) => (out.body = text),
  } as unknown as ServerResponse;
  return { res, out };
}

describe('parseTopologyWindow', () => {
  it('reads endTs, lookback (ms) and service with Jaeger defaults', () => {
    expect(parseTopologyWindow(new URLSearchParams('endTs=5000&lookback=1000&service=a'), 0)).toEqual({
      startMs: 4000,
      endMs: 5000,
      service: 'a',
    });
    expect(parseTopologyWindow(new URLSearchParams(''), 100_000_000)).toEqual({
      startMs: 100_000_000 - 86_400_000,
      endMs: 100_000_000,
      service: '',
    });
  });

  it('answers Jaeger’s parse errors', () => {
    expect(() => parseTopologyWindow(new URLSearchParams('endTs=x'), 0)).toThrow(HttpError);
  });
});

describe('GET /api/topology', () => {
  it('answers nodes and edges of the aggregator', async () => {
    const topology = new TopologyAggregator();
    const start = BigInt(Date.now()) * 1_000_000n - 1_700_000_000_000_000_000n;
    topology.observe([
      makeSpan({ trace: 1, span: 1, resource: makeResource('frontend'), start }),
      makeSpan({ trace: 1, span: 2, parent: 1, resource: makeResource('driver'), start }),
    ]);
    const router = new Router();
    registerTopologyRoutes(router, { topology });
    const match = router.match('GET', '/api/topology');
    const { res, out } = fakeResponse();
    await match?.handler({
      req: {} as never,
      res,
      params: {},
      query: new URLSearchParams('lookback=3600000'),
      path: '',
    });
    expect(out.status).toBe(200);
    const body = JSON.parse(out.body) as { nodes: { service: string }[]; edges: { callCount: number }[] };
    expect(body.edges).toMatchObject([{ parent: 'frontend', child: 'driver', callCount: 1 }]);
    expect(body.nodes.map((n) => n.service).sort()).toEqual(['driver', 'frontend']);
  });
});
