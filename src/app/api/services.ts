/**
 * Services and their operations, from `/api/v3` where the backend has it (Jaeger ≥ 2.15, main)
 * and from v1 otherwise (Jaeger ≤ 2.14, Tempo's Jaeger query).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, isApiError } from './apiError';
import type { DiscoveryApi } from './backendApi';
import { getJaegerJson, isJsonObject } from './jaegerFetch';
import { queryKeys } from './queryKeys';

export interface Operation {
  name: string;
  /** `server`, `client`, `producer`, `consumer`, `internal`, or '' when the backend does not say. */
  spanKind: string;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

/** Service names, sorted. */
export async function fetchServices(api: DiscoveryApi, signal?: AbortSignal): Promise<string[]> {
  const path = api === 'v3' ? 'api/v3/services' : 'api/services';
  const { url, body } = await getJaegerJson(path, undefined, signal);
  const list = isJsonObject(body) ? (api === 'v3' ? body.services : body.data) : undefined;
  // v1 sends `"data": null` before anything is stored; v3 (jsonpb) may leave an empty list out.
  if (list === null || (api === 'v3' && list === undefined)) return [];
  if (!isStringList(list)) {
    throw new ApiError(`The backend at ${url} sent a service list that is not a list of names.`, 200, url);
  }
  return [...list].sort((a, b) => a.localeCompare(b));
}

function operationList(value: unknown, url: string): Operation[] {
  if (value === null || value === undefined) return [];
  if (isStringList(value)) return value.map((name) => ({ name, spanKind: '' }));
  if (Array.isArray(value)) {
    return value.map((o) => {
      if (!isJsonObject(o) || (o.name !== undefined && typeof o.name !== 'string')) {
        throw new ApiError(`The backend at ${url} sent an operation list that could not be read.`, 200, url);
      }
      return {
        name: typeof o.name === 'string' ? o.name : '',
        spanKind: typeof o.spanKind === 'string' ? o.spanKind : '',
      };
    });
  }
  throw new ApiError(`The backend at ${url} sent an operation list that could not be read.`, 200, url);
}

/** Operations of a service, one entry per (name, span kind), as the backend lists them. */
export async function fetchOperations(
  api: DiscoveryApi,
  service: string,
  signal?: AbortSignal,
): Promise<Operation[]> {
  if (api === 'v3') {
    const { url, body } = await getJaegerJson('api/v3/operations', new URLSearchParams({ service }), signal);
    return operationList(isJsonObject(body) ? body.operations : undefined, url);
  }
  try {
    const { url, body } = await getJaegerJson('api/operations', new URLSearchParams({ service }), signal);
    return operationList(isJsonObject(body) ? body.data : undefined, url);
  } catch (error) {
    // Query services older than Jaeger 1.16 only have the legacy route, which lists bare names.
    if (!isApiError(error) || error.status !== 404) throw error;
    const path = `api/services/${encodeURIComponent(service)}/operations`;
    const { url, body } = await getJaegerJson(path, undefined, signal);
    return operationList(isJsonObject(body) ? body.data : undefined, url);
  }
}

export interface OperationChoice {
  name: string;
  /** The kinds this name was seen with, sorted; empty when the backend does not say. */
  kinds: string[];
}

/** One entry per name, as a person picks them; the kinds are shown next to the name. */
export function operationChoices(operations: readonly Operation[]): OperationChoice[] {
  const byName = new Map<string, Set<string>>();
  for (const o of operations) {
    let kinds = byName.get(o.name);
    if (!kinds) byName.set(o.name, (kinds = new Set()));
    if (o.spanKind) kinds.add(o.spanKind);
  }
  return [...byName]
    .map(([name, kinds]) => ({ name, kinds: [...kinds].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function servicesQueryOptions(api: DiscoveryApi) {
  return queryOptions({
    queryKey: queryKeys.services(api),
    queryFn: ({ signal }) => fetchServices(api, signal),
    staleTime: 30_000,
  });
}

export function useServices(api: DiscoveryApi | undefined) {
  return useQuery({ ...servicesQueryOptions(api ?? 'v1'), enabled: api !== undefined });
}

export function operationsQueryOptions(api: DiscoveryApi, service: string) {
  return queryOptions({
    queryKey: queryKeys.operations(api, service),
    queryFn: ({ signal }) => fetchOperations(api, service, signal),
    staleTime: 30_000,
  });
}

export function useOperations(api: DiscoveryApi | undefined, service: string | null) {
  return useQuery({
    ...operationsQueryOptions(api ?? 'v1', service ?? ''),
    enabled: api !== undefined && service !== null && service !== '',
  });
}
