/**
 * Which query API a Jaeger-compatible backend speaks. Generations differ (reference §"Big picture"):
 * ≤ 2.14 and Tempo's Jaeger query serve v1 only; 2.15–2.18 add `/api/v3/services|operations` but
 * search with v1; 2.19+ search with `/api/v3/trace-summaries`; main removed v1 services, operations
 * and search. Tracelens' own backend serves all of them.
 *
 * Order of preference, and why: trace-summaries (one small row per trace), then v1 search (full
 * traces, but it honours tags on every version), then `/api/v3/traces` (full OTLP traces; before
 * 2.19 it ignores `query.attributes`, so it is only used when nothing else is there).
 *
 * Detection reads `window.JAEGER_BACKEND_CAPABILITIES` first: only Jaeger ≥ 2.20 (and Tracelens)
 * inject `aiAssistant`, only main injects `searchWithoutServiceName`, and both serve v3 search.
 * Otherwise a few cheap requests that the parameter checks answer without touching storage.
 * The answer is kept for the browser session.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiUrl } from '../basePath';
import { readBackendCapabilities } from '../config/runtimeConfig';
import { ApiError } from './apiError';
import { isJsonObject, probeJaeger, type ProbeResponse } from './jaegerFetch';
import { queryKeys } from './queryKeys';

export type DiscoveryApi = 'v3' | 'v1';
export type SearchApi = 'v3-summaries' | 'v1' | 'v3-traces';

export interface BackendApi {
  /** Where the service and operation lists come from. */
  readonly discovery: DiscoveryApi;
  /** How traces are searched, or null when the backend offers no search at all. */
  readonly search: SearchApi | null;
  /** "All services" can be offered (v1 always requires a service). */
  readonly searchWithoutService: boolean;
  readonly detectedBy: 'capabilities' | 'probe';
}

export const searchApiNames: Record<SearchApi, string> = {
  'v3-summaries': 'API v3 trace summaries',
  v1: 'API v1 search',
  'v3-traces': 'API v3 trace search',
};

/** From injected capabilities alone, or null when they do not say. */
export function backendApiFromCapabilities(
  capabilities: Readonly<Record<string, unknown>> | null,
): BackendApi | null {
  if (!capabilities) return null;
  const hasKey = (key: string) => Object.hasOwn(capabilities, key);
  if (!hasKey('searchWithoutServiceName') && !hasKey('aiAssistant')) return null;
  return {
    discovery: 'v3',
    search: 'v3-summaries',
    // Absent (2.20, Tracelens): v3 search takes no service; present (main): the backend decides.
    searchWithoutService:
      !hasKey('searchWithoutServiceName') || capabilities.searchWithoutServiceName === true,
    detectedBy: 'capabilities',
  };
}

/** A JSON answer from the v3 gateway: a result, or its own error body (e.g. a missing parameter). */
function servedByV3(probe: ProbeResponse, resultKey: string): boolean {
  if (!isJsonObject(probe.json) || probe.status === 404) return false;
  const error = probe.json.error;
  return resultKey in probe.json || (isJsonObject(error) && typeof error.message === 'string');
}

/** A v1 envelope (`data`/`errors`), e.g. the 400 "parameter 'service' is required". */
function servedByV1(probe: ProbeResponse): boolean {
  return isJsonObject(probe.json) && probe.status !== 404 && ('errors' in probe.json || 'data' in probe.json);
}

/** A proxy error (502 page) is a broken backend, not a missing route: say so instead of guessing. */
function failOnServerError(probe: ProbeResponse): ProbeResponse {
  if (probe.json === undefined && probe.status >= 500) {
    throw new ApiError(`The backend at ${probe.url} answered HTTP ${probe.status}.`, probe.status, probe.url);
  }
  return probe;
}

const probe = (path: string, signal?: AbortSignal) =>
  probeJaeger(path, undefined, signal).then(failOnServerError);

export async function probeBackendApi(signal?: AbortSignal): Promise<BackendApi> {
  // Without parameters, every search route answers a 400 from its parameter checks.
  const [services, summaries] = await Promise.all([
    probe('api/v3/services', signal),
    probe('api/v3/trace-summaries', signal),
  ]);
  const services3 = services.status === 200 && isJsonObject(services.json) && !('data' in services.json);
  const discovery: DiscoveryApi = services3 ? 'v3' : 'v1';
  let search: SearchApi | null = null;
  if (servedByV3(summaries, 'summaries')) search = 'v3-summaries';
  else if (servedByV1(await probe('api/traces', signal))) search = 'v1';
  else if (servedByV3(await probe('api/v3/traces', signal), 'result')) search = 'v3-traces';
  const searchWithoutService = search !== null && search !== 'v1';
  return { discovery, search, searchWithoutService, detectedBy: 'probe' };
}

const SESSION_KEY = 'tracelens-backend-api';

function sessionKey(): string {
  return `${SESSION_KEY}:${apiUrl('api/').href}`;
}

function readSessionApi(): BackendApi | null {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(sessionKey()) ?? 'null');
    if (!isJsonObject(stored)) return null;
    const { discovery, search, searchWithoutService } = stored;
    if (discovery !== 'v3' && discovery !== 'v1') return null;
    if (search !== null && search !== 'v3-summaries' && search !== 'v1' && search !== 'v3-traces')
      return null;
    if (typeof searchWithoutService !== 'boolean') return null;
    return { discovery, search, searchWithoutService, detectedBy: 'probe' };
  } catch {
    return null;
  }
}

function writeSessionApi(api: BackendApi): void {
  try {
    window.sessionStorage.setItem(sessionKey(), JSON.stringify(api));
  } catch {
    // Probing again next time is harmless.
  }
}

/** Forgets the stored answer, e.g. after the backend was upgraded under a long-lived tab. */
export function forgetBackendApi(): void {
  try {
    window.sessionStorage.removeItem(sessionKey());
  } catch {
    // Nothing stored.
  }
}

export async function detectBackendApi(signal?: AbortSignal): Promise<BackendApi> {
  const known = backendApiFromCapabilities(readBackendCapabilities()) ?? readSessionApi();
  if (known) return known;
  const probed = await probeBackendApi(signal);
  writeSessionApi(probed);
  return probed;
}

export function backendApiQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.backendApi(),
    queryFn: ({ signal }) => detectBackendApi(signal),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useBackendApi() {
  return useQuery(backendApiQueryOptions());
}
