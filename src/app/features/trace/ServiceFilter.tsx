import { useMemo } from 'react';
import { useTraceView } from './state/traceViewStore';
import { ServicePicker } from './views/shared/ServicePicker';

/**
 * Hide services, Jaeger style: a hidden service's spans go with everything below them, and each
 * service says how many of its spans are gone, so nothing disappears silently.
 */
export function ServiceFilter() {
  const skeleton = useTraceView((s) => s.skeleton);
  const tree = useTraceView((s) => s.tree);
  useTraceView((s) => s.treeVersion);
  const setHiddenServices = useTraceView((s) => s.setHiddenServices);
  const hidden = tree.hiddenServices();
  const pruned = tree.prunedByService();
  const totals = useMemo(() => {
    const counts = new Int32Array(skeleton.services.length);
    for (let r = 0; r < skeleton.spanCount; r++) counts[skeleton.service[r]]++;
    return counts;
  }, [skeleton]);
  const all = skeleton.services.length;
  const shown =
    hidden.length === 0 ? null : Array.from({ length: all }, (_, i) => i).filter((i) => !hidden.includes(i));

  return (
    <ServicePicker
      services={skeleton.services}
      counts={totals}
      shown={shown}
      onChange={(next) =>
        setHiddenServices(
          next === null ? [] : Array.from({ length: all }, (_, i) => i).filter((i) => !next.includes(i)),
        )
      }
      note={(i) =>
        pruned[i] > 0
          ? `${pruned[i].toLocaleString()} of ${totals[i].toLocaleString()} hidden`
          : `${totals[i].toLocaleString()} spans`
      }
      label="Services to show"
    />
  );
}
