import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError } from './apiError';
import { getJaegerJson } from './jaegerFetch';
import { queryKeys } from './queryKeys';

const SERVICES_PATH = 'api/services';

/** Service names, sorted, from `GET api/services`. */
export async function fetchServices(signal?: AbortSignal): Promise<string[]> {
  const { url, body } = await getJaegerJson(SERVICES_PATH, undefined, signal);
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  // Jaeger sends `"data": null` when nothing has been stored yet.
  if (data === null) return [];
  if (!Array.isArray(data) || !data.every((s): s is string => typeof s === 'string')) {
    throw new ApiError(`The backend at ${url} sent a service list that is not a list of names.`, 200, url);
  }
  return [...data].sort((a, b) => a.localeCompare(b));
}

export function servicesQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.services(),
    queryFn: ({ signal }) => fetchServices(signal),
    staleTime: 30_000,
  });
}

export function useServices() {
  return useQuery(servicesQueryOptions());
}
