import { useQuery } from '@tanstack/react-query';
import type { TraceHandle } from '../../../workers/traceClient';
import { loadedTraceKey } from '../loading/useLoadedTrace';

/** One span's attributes, events and links, asked of the worker when the span is opened. */
export function useSpanDetails(handle: TraceHandle, row: number | null) {
  return useQuery({
    queryKey: [...loadedTraceKey(handle.skeleton.traceId), 'span', row ?? -1],
    queryFn: () => handle.details(row ?? 0),
    enabled: row !== null && row >= 0,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}
