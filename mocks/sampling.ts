/**
 * MSW handlers for Tracelens's sampling API (`/api/sampling*`), stateful so that an edit shows
 * up in the next read, as on the real backend. They validate and resolve with the backend's own
 * parser and resolver (pure modules), so messages and merging rules are the real ones. The
 * observed rates come from `history` when given (the recorded demo, per 5 s bucket) and are
 * otherwise a steady request rate per service (component tests); either way they are thinned by
 * the strategy in force at each moment, so a saved change shows in the sparkline.
 */
import { http, HttpResponse } from 'msw';
import {
  resolveStrategies,
  strategyFor,
  type SamplingStrategyResponse,
} from '../src/server/sampling/response';
import {
  documentJson,
  parseServiceStrategy,
  parseStrategiesDocument,
  type StrategiesDocument,
} from '../src/server/sampling/strategies';
import { v1Error } from './generations/wire';

export interface SamplingMockOptions {
  /** A strategies file's content; invalid content throws. */
  document?: unknown;
  /** Services with spans in storage. */
  seen?: string[];
  defaultProbability?: number;
  /** '' = strategies kept in memory. */
  file?: string;
  /** Requests per second each seen service receives before sampling. */
  requestsPerSecond?: number;
  spansPerTrace?: number;
  /**
   * Measured rates per service before sampling (the recorded demo), instead of the same
   * requestsPerSecond × spansPerTrace for all: traces started there, and spans sent.
   */
  rates?: Readonly<Record<string, { tracesPerSecond: number; spansPerSecond: number }>>;
  /**
   * What each service sent per 5 s bucket before sampling (the recorded demo moved to the
   * present), keyed by bucket number (epoch ms / 5000); buckets without traffic are absent.
   */
  history?: ReadonlyMap<string, ReadonlyMap<number, { traces: number; spans: number }>>;
}

const BUCKET_MS = 5_000;

/** The real backend's errors: the v1 envelope, sent as Go's http.Error does. */
const error = v1Error;

/** The share of requests a strategy keeps, for the synthetic rates. */
function keptShare(s: SamplingStrategyResponse, requestsPerSecond: number): number {
  if (s.strategyType === 'RATE_LIMITING') {
    return Math.min(1, (s.rateLimitingSampling?.maxTracesPerSecond ?? 0) / requestsPerSecond);
  }
  return s.probabilisticSampling?.samplingRate ?? 0;
}

export function createSamplingHandlers(options: SamplingMockOptions = {}) {
  const parsed = parseStrategiesDocument(options.document ?? null);
  if (!parsed.ok) throw new Error(`mock strategies: ${parsed.problems.join('; ')}`);
  const seen = options.seen ?? [];
  const defaultProbability = options.defaultProbability ?? 1;
  const requestsPerSecond = options.requestsPerSecond ?? 2;
  const spansPerTrace = options.spansPerTrace ?? 6;
  let doc: StrategiesDocument = parsed.value;
  let revision = 0;
  /** Per service, the share kept from each moment on, for the rates' history. */
  const shares = new Map<string, { from: number; share: number }[]>();

  const resolved = () => resolveStrategies(doc, defaultProbability);
  const recordShares = (at: number) => {
    const r = resolved();
    for (const service of seen) {
      const history = shares.get(service) ?? [];
      history.push({ from: at, share: keptShare(strategyFor(r, service), requestsPerSecond) });
      shares.set(service, history);
    }
  };
  recordShares(-Infinity);

  const install = (next: StrategiesDocument, warnings: string[]) => {
    doc = next;
    revision++;
    recordShares(Date.now());
    return HttpResponse.json({ ...state(), warnings });
  };

  function state() {
    const r = resolved();
    const configured = new Map(doc.service_strategies.map((s) => [s.service, s]));
    const names = [...new Set([...seen, ...configured.keys()])].sort((a, b) => a.localeCompare(b));
    return {
      file: options.file ?? '',
      revision,
      defaultProbability,
      document: documentJson(doc),
      defaultStrategy: r.defaultStrategy,
      services: names.map((service) => ({
        service,
        seen: seen.includes(service),
        configured: configured.get(service) ?? null,
        effective: strategyFor(r, service),
      })),
    };
  }

  function observed(windowMs: number) {
    const n = Math.max(1, Math.round(windowMs / BUCKET_MS));
    const newest = Math.floor(Date.now() / BUCKET_MS) - 1;
    return {
      windowSeconds: n * 5,
      stepSeconds: 5,
      end: (newest + 1) * BUCKET_MS,
      services: seen.map((service) => {
        const history = shares.get(service) ?? [];
        const points = Array.from({ length: n }, (_, i) => {
          const t = (newest - n + 1 + i) * BUCKET_MS;
          const share = [...history].reverse().find((h) => h.from <= t)?.share ?? 1;
          if (options.history) {
            // The recording is what arrived under the strategies configured at the start, so
            // only a change since then thins or thickens it.
            const recordedShare = history[0]?.share ?? 1;
            const scale = recordedShare > 0 ? share / recordedShare : share;
            const sent = options.history.get(service)?.get(newest - n + 1 + i);
            const perSecond = scale / (BUCKET_MS / 1000);
            return {
              t,
              spansPerSecond: (sent?.spans ?? 0) * perSecond,
              tracesPerSecond: (sent?.traces ?? 0) * perSecond,
            };
          }
          const measured = options.rates?.[service];
          if (measured) {
            return {
              t,
              spansPerSecond: measured.spansPerSecond * share,
              tracesPerSecond: measured.tracesPerSecond * share,
            };
          }
          const traces = requestsPerSecond * share;
          return { t, spansPerSecond: traces * spansPerTrace, tracesPerSecond: traces };
        });
        const mean = (key: 'spansPerSecond' | 'tracesPerSecond') =>
          points.reduce((sum, p) => sum + p[key], 0) / points.length;
        return {
          service,
          spansPerSecond: mean('spansPerSecond'),
          tracesPerSecond: mean('tracesPerSecond'),
          points,
        };
      }),
    };
  }

  const readJson = async (request: Request): Promise<{ ok: true; json: unknown } | { ok: false }> => {
    try {
      return { ok: true, json: JSON.parse(await request.text()) };
    } catch {
      return { ok: false };
    }
  };

  return [
    http.get('*/api/sampling', ({ request }) => {
      const services = new URL(request.url).searchParams.getAll('service');
      if (services.length !== 1) return error(400, "'service' parameter must be provided once");
      return HttpResponse.json(strategyFor(resolved(), services[0]));
    }),
    http.get('*/api/sampling/strategies', () => HttpResponse.json(state())),
    http.put('*/api/sampling/strategies', async ({ request }) => {
      const body = await readJson(request);
      if (!body.ok) return error(400, 'the request body is not valid JSON');
      const next = parseStrategiesDocument(body.json);
      if (!next.ok) return error(400, next.problems.join('; '));
      return install(next.value, next.warnings);
    }),
    http.put('*/api/sampling/strategies/:service', async ({ request, params }) => {
      const body = await readJson(request);
      if (!body.ok) return error(400, 'the request body is not valid JSON');
      const entry = parseServiceStrategy(body.json, String(params.service));
      if (!entry.ok) return error(400, entry.problems.join('; '));
      const others = doc.service_strategies.filter((s) => s.service !== entry.value.service);
      const at = doc.service_strategies.findIndex((s) => s.service === entry.value.service);
      const list = [...others];
      list.splice(at < 0 ? list.length : at, 0, entry.value);
      return install({ ...doc, service_strategies: list }, entry.warnings);
    }),
    http.delete('*/api/sampling/strategies/:service', ({ params }) => {
      const service = String(params.service);
      if (!doc.service_strategies.some((s) => s.service === service)) {
        return error(404, `service ${JSON.stringify(service)} has no sampling strategy of its own`);
      }
      return install(
        { ...doc, service_strategies: doc.service_strategies.filter((s) => s.service !== service) },
        [],
      );
    }),
    http.get('*/api/sampling/observed', ({ request }) => {
      const window = new URL(request.url).searchParams.get('window') ?? '5m';
      const minutes = /^(\d+)m$/.exec(window)?.[1];
      return HttpResponse.json(observed(minutes ? Number(minutes) * 60_000 : 5 * 60_000));
    }),
  ];
}

/** For the no-backend demo (`?mock`): the demo's four services, one with a strategy of its own. */
export const DEMO_SAMPLING: SamplingMockOptions = {
  seen: ['customer', 'driver', 'frontend', 'route'],
  document: {
    default_strategy: { type: 'probabilistic', param: 1 },
    service_strategies: [
      {
        service: 'frontend',
        type: 'probabilistic',
        param: 0.5,
        operation_strategies: [{ operation: 'GET /health', type: 'probabilistic', param: 0 }],
      },
    ],
  },
};

export const samplingHandlers = createSamplingHandlers(DEMO_SAMPLING);
