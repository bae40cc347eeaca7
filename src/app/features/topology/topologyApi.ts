/**
 * The service graph: Tracelens's `api/topology` (rates, errors, p95), falling back to Jaeger's
 * `api/dependencies` (call counts only) when the backend is a plain Jaeger that answers 404.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/apiError';
import { getJaegerJson, isJsonObject } from '../../api/jaegerFetch';
import { graphFromDependencies, sortGraph, type ServiceGraph } from '../../../core/topology/graph';

export interface TopologyData {
  graph: ServiceGraph;
  /** false when only call counts are known (plain Jaeger). */
  hasRates: boolean;
}

export const LOOKBACKS = [
  { value: 15 * 60_000, label: 'Last 15 minutes' },
  { value: 3_600_000, label: 'Last hour' },
  { value: 6 * 3_600_000, label: 'Last 6 hours' },
  { value: 24 * 3_600_000, label: 'Last 24 hours' },
  { value: 7 * 24 * 3_600_000, label: 'Last 7 days' },
] as const;

export const AUTO_REFRESH_MS = 15_000;

function windowParams(lookbackMs: number): URLSearchParams {
  return new URLSearchParams({ endTs: String(Date.now()), lookback: String(lookbackMs) });
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function readTopology(body: unknown, url: string): ServiceGraph {
  if (!isJsonObject(body) || !Array.isArray(body.nodes) || !Array.isArray(body.edges)) {
    throw new ApiError(`The backend at ${url} sent a topology that could not be read.`, 200, url);
  }
  const nodes = body.nodes.filter(isJsonObject).map((n) => ({
    service: str(n.service),
    callsPerSecond: num(n.callsPerSecond),
    errorRate: num(n.errorRate),
    p95Ms: num(n.p95Ms),
  }));
  const edges = body.edges.filter(isJsonObject).map((e) => ({
    parent: str(e.parent),
    child: str(e.child),
    callCount: num(e.callCount) ?? 0,
    callsPerSecond: num(e.callsPerSecond),
    errorRate: num(e.errorRate),
    p95Ms: num(e.p95Ms),
  }));
  return sortGraph({ nodes, edges });
}

export async function fetchTopology(lookbackMs: number, signal?: AbortSignal): Promise<TopologyData> {
  try {
    const { url, body } = await getJaegerJson('api/topology', windowParams(lookbackMs), signal);
    return { graph: readTopology(body, url), hasRates: true };
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isNotFound) throw error;
  }
  const { url, body } = await getJaegerJson('api/dependencies', windowParams(lookbackMs), signal);
  const data = isJsonObject(body) ? body.data : null;
  if (!Array.isArray(data)) {
    throw new ApiError(`The backend at ${url} sent dependencies that could not be read.`, 200, url);
  }
  const links = data
    .filter(isJsonObject)
    .map((l) => ({ parent: str(l.parent), child: str(l.child), callCount: num(l.callCount) ?? 0 }));
  return { graph: graphFromDependencies(links), hasRates: false };
}

export function useTopology(lookbackMs: number, autoRefresh: boolean) {
  return useQuery({
    queryKey: ['topology', lookbackMs] as const,
    queryFn: ({ signal }) => fetchTopology(lookbackMs, signal),
    // Keep the drawn graph while a refresh or a new lookback loads: no flash of the spinner.
    placeholderData: keepPreviousData,
    refetchInterval: autoRefresh ? AUTO_REFRESH_MS : false,
  });
}
