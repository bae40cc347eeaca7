/**
 * Tracelens's sampling API on the query port (documented in README.md next to this file):
 * read and edit the strategies, and see the span rates they produce. Errors use the v1 envelope,
 * like the rest of `/api`, with every validation problem in the message.
 */
import { DurationError, parseGoDuration } from '../../core/time/goDuration';
import { readBody } from '../http/body';
import { HttpError } from '../http/httpError';
import { sendJson } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import type { TraceStore } from '../storage/traceStore';
import { BUCKETS, BUCKET_MS, type ObservedRates } from './observed';
import type { SamplingStrategyResponse } from './response';
import { sendSamplingStrategy } from './samplingHttp';
import { StrategiesError, type SamplingStore } from './store';
import { parseServiceStrategy, type ServiceStrategy, type StrategiesDocument } from './strategies';

export interface SamplingRouteDeps {
  sampling: SamplingStore;
  observed: ObservedRates;
  /** For the services that have sent spans but have no strategy of their own. */
  traces: TraceStore;
  /** A strategies document is small; this caps what an edit may send. */
  maxRequestBytes?: number;
}

export interface ServiceSamplingState {
  service: string;
  /** Spans of this service are in the trace store. */
  seen: boolean;
  /** Its own entry of `service_strategies`, or null when it follows the default strategy. */
  configured: ServiceStrategy | null;
  /** What `/api/sampling?service=` answers for it. */
  effective: SamplingStrategyResponse;
}

export interface SamplingState {
  /** The strategies file edits are saved to; '' when strategies live in memory only. */
  file: string;
  /** Changes with every edit or reload, so a client can tell its copy is stale. */
  revision: number;
  /** For services and operations without a strategy (Jaeger's `default_sampling_probability`). */
  defaultProbability: number;
  /** The strategies in force, in Jaeger's file format. */
  document: StrategiesDocument;
  /** What services without a strategy of their own get. */
  defaultStrategy: SamplingStrategyResponse;
  /** Services with spans in storage and services with a strategy, sorted by name. */
  services: ServiceSamplingState[];
}

const DEFAULT_WINDOW_MS = 5 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;

async function state(deps: SamplingRouteDeps): Promise<SamplingState> {
  const { sampling } = deps;
  const document = sampling.document();
  const configured = new Map(document.service_strategies.map((s) => [s.service, s]));
  const seen = new Set(await deps.traces.getServices());
  const names = [...new Set([...seen, ...configured.keys()])].sort((a, b) => a.localeCompare(b));
  return {
    file: sampling.file,
    revision: sampling.revision(),
    defaultProbability: sampling.defaultProbability,
    document,
    defaultStrategy: sampling.strategyFor(''),
    services: names.map((service) => ({
      service,
      seen: seen.has(service),
      configured: configured.get(service) ?? null,
      effective: sampling.strategyFor(service),
    })),
  };
}

async function readJson(ctx: RequestContext, limit: number): Promise<unknown> {
  const body = await readBody(ctx.req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `the request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** A validation failure is the client's (400); anything else is a failed save (500). */
async function applying(work: () => Promise<string[]>): Promise<string[]> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StrategiesError) throw new HttpError(400, err.message);
    throw new HttpError(500, err instanceof Error ? err.message : String(err));
  }
}

function windowMs(query: URLSearchParams): number {
  const text = query.get('window');
  if (text === null || text === '') return DEFAULT_WINDOW_MS;
  let ns: bigint;
  try {
    ns = parseGoDuration(text);
  } catch (err) {
    if (err instanceof DurationError) throw new HttpError(400, `window: ${err.message}`);
    throw err;
  }
  const ms = Number(ns / 1_000_000n);
  const maxMs = (BUCKETS - 1) * BUCKET_MS;
  if (ms < BUCKET_MS || ms > maxMs) {
    throw new HttpError(
      400,
      `window: must be between ${BUCKET_MS / 1000}s and ${maxMs / 60_000}m, got ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

export function registerSamplingRoutes(router: Router, deps: SamplingRouteDeps): void {
  const limit = Math.min(deps.maxRequestBytes ?? MAX_BODY_BYTES, MAX_BODY_BYTES);
  const respond = async (ctx: RequestContext, warnings?: string[]) =>
    sendJson(ctx.res, 200, warnings ? { ...(await state(deps)), warnings } : await state(deps));

  // Byte-identical to the sampling port, for clients that can only reach the query port.
  router.get('/api/sampling', (ctx) => sendSamplingStrategy(ctx.res, deps.sampling, ctx.query));

  router.get('/api/sampling/strategies', (ctx) => respond(ctx));

  router.add('PUT', '/api/sampling/strategies', async (ctx) => {
    const json = await readJson(ctx, limit);
    await respond(ctx, await applying(() => deps.sampling.replace(json)));
  });

  router.add('PUT', '/api/sampling/strategies/:service', async (ctx) => {
    const json = await readJson(ctx, limit);
    const parsed = parseServiceStrategy(json, ctx.params.service);
    if (!parsed.ok) throw new HttpError(400, parsed.problems.join('; '));
    await respond(ctx, await applying(() => deps.sampling.setService(parsed.value)));
  });

  router.add('DELETE', '/api/sampling/strategies/:service', async (ctx) => {
    const { service } = ctx.params;
    let removed: boolean;
    try {
      removed = await deps.sampling.deleteService(service);
    } catch (err) {
      throw new HttpError(500, err instanceof Error ? err.message : String(err));
    }
    if (!removed) {
      throw new HttpError(404, `service ${JSON.stringify(service)} has no sampling strategy of its own`);
    }
    await respond(ctx);
  });

  router.get('/api/sampling/observed', (ctx) => {
    sendJson(ctx.res, 200, deps.observed.report(windowMs(ctx.query)));
  });
}
