/**
 * `GET /api/topology`: Tracelens's extension of `/api/dependencies` with rates, error rates and
 * p95 per edge and per service (docs/topology-api.md). Same parameters, same parse errors.
 */
import { HttpError } from '../http/httpError';
import { sendJson } from '../http/respond';
import type { Router } from '../http/router';
import { parseInt64Param } from '../query/v1Params';
import type { TopologyAggregator, TopologyWindow } from './aggregator';

const DAY_MS = 86_400_000n;

/** Parses `endTs`, `lookback` (ms) and `service` exactly as Jaeger's dependencies handler does. */
export function parseTopologyWindow(query: URLSearchParams, nowMs: number): TopologyWindow {
  const endTs = parseInt64Param(query, 'endTs') ?? BigInt(nowMs);
  const lookback = parseInt64Param(query, 'lookback') ?? DAY_MS;
  const start = endTs - lookback;
  // Jaeger's store answers 500 for these (reference §7); kept so both endpoints fail alike.
  if (start <= 0n) throw new HttpError(500, 'start time is required');
  if (lookback < 0n) throw new HttpError(500, 'end time must be greater than start time');
  return { startMs: Number(start), endMs: Number(endTs), service: query.get('service') ?? '' };
}

export function registerTopologyRoutes(router: Router, deps: { topology: TopologyAggregator }): void {
  router.get('/api/topology', (ctx) => {
    const window = parseTopologyWindow(ctx.query, Date.now());
    sendJson(ctx.res, 200, deps.topology.topology(window));
  });
}
