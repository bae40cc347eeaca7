/** Pure presentation helpers of the topology page: sizes, labels, severities, links. */
import type { ServiceEdge, ServiceGraph, ServiceNode } from '../../../core/topology/graph';
import { edgeId } from '../../../core/topology/graph';
import type { LayoutDirection, LayoutInput } from './layoutProtocol';

export const NODE_HEIGHT = 46;
/** Average glyph widths of the 13 px name and 11 px stats lines, generous so labels never clip. */
const NAME_CHAR_PX = 8;
const STATS_CHAR_PX = 6.6;
const NODE_PADDING_PX = 28;

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

export function layoutInput(graph: ServiceGraph, direction: LayoutDirection): LayoutInput {
  return {
    direction,
    nodes: graph.nodes.map((n) => ({
      id: n.service,
      width: Math.ceil(
        Math.max(n.service.length * NAME_CHAR_PX, statsLabel(n).length * STATS_CHAR_PX, 60) + NODE_PADDING_PX,
      ),
      height: NODE_HEIGHT,
    })),
    edges: graph.edges.map((e) => ({ id: edgeId(e), source: e.parent, target: e.child })),
  };
}

/** Identity of what the layout depends on: metrics-only refreshes keep the same key and layout. */
export function layoutKey(input: LayoutInput): string {
  return JSON.stringify([input.direction, input.nodes, input.edges.map((e) => e.id)]);
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
