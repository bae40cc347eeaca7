/** Pure presentation helpers of the topology page: sizes, labels, severities, links. */
import { max, scaleSqrt } from 'd3';
import type { ServiceEdge, ServiceGraph, ServiceNode } from '../../../core/topology/graph';
import { edgeId } from '../../../core/topology/graph';
import type { GraphData, GraphTone } from '../../components/graph/graphModel';

export type Severity = 'ok' | 'warn' | 'high' | 'unknown';

/** Error-rate thresholds: 1 % is noticeable, 5 % is an incident. */
export function severity(errorRate: number | null): Severity {
  if (errorRate === null) return 'unknown';
  if (errorRate >= 0.05) return 'high';
  if (errorRate >= 0.01) return 'warn';
  return 'ok';
}

function formatRate(perSecond: number): string {
  if (perSecond >= 100) return `${Math.round(perSecond)}/s`;
  if (perSecond >= 1) return `${perSecond.toFixed(1)}/s`;
  if (perSecond * 60 >= 1) return `${(perSecond * 60).toFixed(1)}/min`;
  return `${(perSecond * 3600).toFixed(1)}/h`;
}

function formatPercent(rate: number): string {
  const pct = rate * 100;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}% err`;
}

function formatMs(ms: number): string {
  return ms >= 1000
    ? `p95 ${(ms / 1000).toFixed(2)} s`
    : `p95 ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** "1.5/s · 2.0% err · p95 730 ms", or the call count when only that is known. */
export function statsLabel(item: ServiceNode | ServiceEdge): string {
  const parts: string[] = [];
  if (item.callsPerSecond !== null) parts.push(formatRate(item.callsPerSecond));
  else if ('callCount' in item) parts.push(`${item.callCount} calls`);
  if (item.errorRate !== null) parts.push(formatPercent(item.errorRate));
  if (item.p95Ms !== null) parts.push(formatMs(item.p95Ms));
  return parts.join(' · ');
}

const TONES: Record<Severity, GraphTone> = {
  ok: 'neutral',
  warn: 'warning',
  high: 'danger',
  unknown: 'neutral',
};

/**
 * The service graph as the shared renderer draws it: a node per service with its stats, an edge
 * per call with its width by traffic, its colour by error rate and its stats as the label.
 */
export function topologyGraphData(
  graph: ServiceGraph,
  focused: string,
  matches: ReadonlySet<string>,
): GraphData {
  const width = scaleSqrt()
    .domain([0, max(graph.edges, (e) => e.callsPerSecond ?? e.callCount) ?? 1])
    .range([1.25, 7]);
  return {
    nodes: graph.nodes.map((n) => {
      const stats = statsLabel(n);
      return {
        id: n.service,
        lines: stats ? [n.service, stats] : [n.service],
        tone: TONES[severity(n.errorRate)],
        emphasis: n.service === focused,
        match: matches.has(n.service),
      };
    }),
    edges: graph.edges.map((e) => {
      const stats = statsLabel(e);
      return {
        id: edgeId(e),
        source: e.parent,
        target: e.child,
        width: width(e.callsPerSecond ?? e.callCount),
        tone: TONES[severity(e.errorRate)],
        label: stats,
        ariaLabel: `${e.parent} calls ${e.child}: ${stats}. Search traces of ${e.child}`,
      };
    }),
  };
}

/** A lookback in Jaeger's search notation (`15m`, `1h`, `168h`). */
export function lookbackParam(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.max(1, Math.round(ms / 60_000))}m`;
}

export function searchHref(service: string, lookbackMs: number): string {
  return `/search?${new URLSearchParams({ service, lookback: lookbackParam(lookbackMs) }).toString()}`;
}

export function monitorHref(service: string): string {
  return `/monitor?${new URLSearchParams({ service }).toString()}`;
}

/**
 * Where an edge leads. Jaeger's search matches one span at a time and has no "parent service"
 * criterion, so no query lists exactly the traces where `parent` calls `child`. Every such trace
 * holds a span of `child`, so searching `service=<child>` lists all of them (plus traces where
 * someone else calls `child`); `span.kind=server` would miss calls to databases, queues and
 * internal self-calls, whose child spans are not server spans.
 */
export function edgeSearchHref(edge: { parent: string; child: string }, lookbackMs: number): string {
  return searchHref(edge.child, lookbackMs);
}
