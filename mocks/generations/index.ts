/**
 * MSW handler sets that answer exactly like each Jaeger query API generation (reference
 * jaeger-api.md, "Big picture"), so the search page is tested against every backend it must serve.
 * Every set answers unknown `/api/` paths the way that backend does, so an unexpected request is a
 * visible 404 rather than an MSW error.
 */
import { columnsHandlers } from './columnsRoute';
import { headHandlers } from './headRoute';
import { http, type HttpHandler } from 'msw';
import type { JaegerTrace } from '../../src/core/jaeger/jaegerJson';
import { MockTraceSet, type TraceSetOptions } from './traceSet';
import { v1Handlers } from './v1Routes';
import { v3Handlers } from './v3Routes';
import { routeNotFound, spaIndexHtml } from './wire';

export type GenerationName =
  'jaeger-2.14' | 'jaeger-2.18' | 'jaeger-2.19' | 'jaeger-2.20' | 'jaeger-main' | 'tempo' | 'tracelens';

export interface Generation {
  name: GenerationName;
  title: string;
  /** What the backend injects as `window.JAEGER_BACKEND_CAPABILITIES`, or null (≤ 2.19: nothing the UI reads). */
  capabilities: Record<string, boolean> | null;
  /** The API the UI should end up using: [discovery, search]. */
  expected: { discovery: 'v1' | 'v3'; search: 'v1' | 'v3-summaries' };
  routes(set: MockTraceSet): HttpHandler[];
  /** How the backend answers an `/api/` path it does not serve. */
  unknownRoute: () => Response;
}

const noCapabilities = null;

export const generations: Record<GenerationName, Generation> = {
  'jaeger-2.14': {
    name: 'jaeger-2.14',
    title: 'Jaeger ≤ 2.14 (v1 API only)',
    capabilities: noCapabilities,
    expected: { discovery: 'v1', search: 'v1' },
    routes: (set) => v1Handlers(set, { discovery: true, search: true }),
    unknownRoute: routeNotFound,
  },
  'jaeger-2.18': {
    name: 'jaeger-2.18',
    title: 'Jaeger 2.15–2.18 (v3 discovery, v1 search)',
    capabilities: noCapabilities,
    expected: { discovery: 'v3', search: 'v1' },
    routes: (set) => [
      ...v3Handlers(set, { dialect: 'snake', summaries: false }),
      ...v1Handlers(set, { discovery: true, search: true }),
    ],
    unknownRoute: routeNotFound,
  },
  'jaeger-2.19': {
    name: 'jaeger-2.19',
    title: 'Jaeger 2.19 (v3 trace summaries, v1 still served)',
    capabilities: noCapabilities,
    expected: { discovery: 'v3', search: 'v3-summaries' },
    routes: (set) => [
      ...v3Handlers(set, { dialect: 'camel', summaries: true }),
      ...v1Handlers(set, { discovery: true, search: true }),
    ],
    unknownRoute: routeNotFound,
  },
  'jaeger-2.20': {
    name: 'jaeger-2.20',
    title: 'Jaeger 2.20 (v3 everywhere, capabilities injected)',
    capabilities: { archiveStorage: false, metricsStorage: false, aiAssistant: false },
    expected: { discovery: 'v3', search: 'v3-summaries' },
    routes: (set) => [
      ...v3Handlers(set, { dialect: 'camel', summaries: true }),
      ...v1Handlers(set, { discovery: true, search: true }),
    ],
    unknownRoute: routeNotFound,
  },
  'jaeger-main': {
    name: 'jaeger-main',
    title: 'Jaeger main (v1 services, operations and search removed)',
    capabilities: noCapabilities,
    expected: { discovery: 'v3', search: 'v3-summaries' },
    routes: (set) => [
      ...v3Handlers(set, { dialect: 'camel', summaries: true }),
      ...v1Handlers(set, { discovery: false, search: false }),
    ],
    unknownRoute: routeNotFound,
  },
  tempo: {
    name: 'tempo',
    title: "Grafana Tempo's Jaeger query (v1; the UI answers unknown paths)",
    capabilities: noCapabilities,
    expected: { discovery: 'v1', search: 'v1' },
    routes: (set) => v1Handlers(set, { discovery: true, search: true }),
    unknownRoute: spaIndexHtml,
  },
  tracelens: {
    name: 'tracelens',
    title: 'Tracelens all-in-one (v1 and v3)',
    capabilities: { archiveStorage: false, metricsStorage: false, aiAssistant: false },
    expected: { discovery: 'v3', search: 'v3-summaries' },
    routes: (set) => [
      ...v3Handlers(set, { dialect: 'camel', summaries: true, insightTallies: true }),
      ...headHandlers(set),
      ...columnsHandlers(set),
      ...v1Handlers(set, { discovery: true, search: true }),
    ],
    unknownRoute: routeNotFound,
  },
};

export const generationNames = Object.keys(generations) as GenerationName[];

export interface GenerationOptions extends TraceSetOptions {
  /**
   * Answer every other `/api/` path as that backend does (default). Off for handler lists that
   * other mocks are appended to, which a catch-all before them would hide.
   */
  unknownRoutes?: boolean;
}

export function generationHandlers(
  name: GenerationName,
  traces: readonly JaegerTrace[],
  options: GenerationOptions = {},
): HttpHandler[] {
  const generation = generations[name];
  const set = new MockTraceSet(traces, options);
  const routes = generation.routes(set);
  if (options.unknownRoutes === false) return routes;
  return [...routes, http.all('*/api/*', () => generation.unknownRoute())];
}
