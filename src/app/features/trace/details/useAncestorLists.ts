import { useQuery } from '@tanstack/react-query';
import type { SpanAttributeLists } from '../../../config/linkPatterns';
import { loadedTraceKey } from '../loading/useLoadedTrace';
import { useTraceViewStore } from '../state/traceViewStore';

const NONE: readonly SpanAttributeLists[] = [];

/**
 * The attributes and resource of a span's ancestors, parent first, for link patterns whose
 * parameters the span itself lacks (Jaeger UI looks them up the chain). They live in the trace
 * worker, so they are asked for only when `enabled`, one row at a time up to the root.
 */
export function useAncestorLists(row: number, enabled: boolean): readonly SpanAttributeLists[] {
  const { handle, skeleton } = useTraceViewStore().getState();
  const query = useQuery({
    queryKey: [...loadedTraceKey(skeleton.traceId), 'ancestors', row],
    queryFn: async () => {
      const lists: SpanAttributeLists[] = [];
      // Iterative walk; the skeleton's parent links cannot cycle (cycles are broken at load).
      for (let at = skeleton.parent[row]; at >= 0 && lists.length < skeleton.spanCount;) {
        const { span } = await handle.details(at);
        lists.push({ attributes: span.attributes, resourceAttributes: span.resource.attributes });
        at = skeleton.parent[at];
      }
      return lists;
    },
    enabled: enabled && row >= 0 && skeleton.parent[row] >= 0,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  return query.data ?? NONE;
}
