/**
 * `/dependencies`: the service graph (Jaeger UI's System Architecture), laid out by ELK in a worker
 * and drawn with d3. State that a link should carry (focus, depth, direction, lookback) is in the URL.
 */
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { busiestService, focusGraph, searchServices, type ServiceEdge } from '../../../core/topology/graph';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import type { LayoutDirection } from '../../components/graph/layoutProtocol';
import { useGraphLayout } from '../../components/graph/useGraphLayout';
import { edgeSearchHref, topologyGraphData } from './graphGeometry';
import { NodeMenu } from './NodeMenu';
import { TopologyCanvas } from './TopologyCanvas';
import { MAX_DEPTH, TopologyControls } from './TopologyControls';
import { LOOKBACKS, useTopology } from './topologyApi';
import './topology.css';

/** Above this many services the whole graph is unreadable and slow to lay out: open focused. */
export const LARGE_SYSTEM_SERVICES = 80;
const DEFAULT_LOOKBACK_MS = 3_600_000;
const DEFAULT_DEPTH = 2;

function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
  ok: (n: number) => boolean,
): number {
  const n = Number(params.get(name));
  return params.has(name) && Number.isInteger(n) && ok(n) ? n : fallback;
}

export function TopologyPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const lookbackMs = intParam(params, 'lookback', DEFAULT_LOOKBACK_MS, (n) =>
    LOOKBACKS.some((l) => l.value === n),
  );
  const depth = intParam(params, 'depth', DEFAULT_DEPTH, (n) => n >= 1 && n <= MAX_DEPTH);
  const direction: LayoutDirection = params.get('dir') === 'TB' ? 'DOWN' : 'RIGHT';
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [search, setSearch] = useState('');
  const [menu, setMenu] = useState<{ service: string; anchor: DOMRect } | null>(null);
  const query = useTopology(lookbackMs, autoRefresh);

  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const full = query.data?.graph;
  const total = full?.nodes.length ?? 0;
  // "all" is explicit so a large system can still be shown whole when asked for.
  const requested = params.get('service') ?? '';
  const focus =
    requested === 'all' || !full
      ? ''
      : requested !== ''
        ? requested
        : total > LARGE_SYSTEM_SERVICES
          ? (busiestService(full) ?? '')
          : '';
  const shown = useMemo(
    () => (full && focus !== '' ? focusGraph(full, focus, depth) : (full ?? { nodes: [], edges: [] })),
    [full, focus, depth],
  );
  const matches = useMemo(() => (full ? searchServices(full, search) : []), [full, search]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const services = useMemo(() => full?.nodes.map((n) => n.service) ?? [], [full]);
  // Focus and matches change colours only: the layout key (structure and sizes) stays the same.
  const data = useMemo(() => topologyGraphData(shown, focus, matchSet), [shown, focus, matchSet]);
  const layout = useGraphLayout(data, direction);

  const menuService = menu?.service;
  const closeMenu = useCallback(() => {
    setMenu(null);
    // Back to the node that opened the menu, as a menu button does.
    if (menuService !== undefined) {
      document.querySelector<SVGGElement>(`[data-node="${CSS.escape(menuService)}"]`)?.focus();
    }
  }, [menuService]);
  const onEdge = (edge: ServiceEdge) => void navigate(edgeSearchHref(edge, lookbackMs));
  const setFocus = (service: string) => update({ service: service === '' ? 'all' : service });

  let body;
  if (query.isPending) body = <LoadingView label="Loading the service graph…" />;
  else if (query.isError)
    body = (
      <ErrorView
        title="Could not load the service graph"
        message={query.error.message}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  else if (total === 0)
    body = (
      <EmptyView title="No service dependencies yet">
        <p>Calls between services appear here once traces with parent and child spans are received.</p>
      </EmptyView>
    );
  else if (shown.nodes.length === 0)
    body = (
      <EmptyView title={`No service named ${focus} in this window`}>
        <button type="button" className="btn" onClick={() => setFocus('')}>
          Show all services
        </button>
      </EmptyView>
    );
  else if (layout.error) body = <ErrorView title="Could not lay out the graph" message={layout.error} />;
  else if (!layout.layout) body = <LoadingView label="Laying out the graph…" />;
  else
    body = (
      <TopologyCanvas
        graph={shown}
        data={data}
        layout={layout.layout}
        layoutKey={layout.layoutFor ?? ''}
        onNodeActivate={(service, anchor) => setMenu({ service, anchor })}
        onEdgeActivate={onEdge}
      />
    );

  return (
    <main className="topology-page" aria-labelledby="topology-title">
      <header className="topology-page__header">
        <h1 id="topology-title" className="topology-page__title">
          Service dependencies
        </h1>
        {total > 0 && (
          <p className="topology-page__count" role="status">
            Showing {shown.nodes.length} of {total} services
            {query.data && !query.data.hasRates && ' · call counts only (this backend has no /api/topology)'}
          </p>
        )}
      </header>
      <TopologyControls
        services={services}
        lookbackMs={lookbackMs}
        onLookback={(ms) => update({ lookback: String(ms) })}
        autoRefresh={autoRefresh}
        onAutoRefresh={setAutoRefresh}
        direction={direction}
        onDirection={(d) => update({ dir: d === 'DOWN' ? 'TB' : 'LR' })}
        focus={focus}
        onFocus={setFocus}
        depth={depth}
        onDepth={(d) => update({ depth: String(d) })}
        search={search}
        onSearch={setSearch}
        matches={matches}
      />
      <div className="topology-page__body" aria-busy={layout.pending || query.isFetching}>
        {body}
      </div>
      {menu && (
        <NodeMenu
          service={menu.service}
          anchor={menu.anchor}
          lookbackMs={lookbackMs}
          onFocusService={setFocus}
          onClose={closeMenu}
        />
      )}
    </main>
  );
}
