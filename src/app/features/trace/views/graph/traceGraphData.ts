/** The trace's call graph (core/analysis/traceGraph) as the shared graph renderer draws it. */
import { max, scaleSqrt } from 'd3';
import {
  drawnTraceGraph,
  type DrawnTraceGraph,
  type TraceGraph,
  type TraceGraphBudget,
} from '../../../../../core/analysis/traceGraph';
import type { GraphData } from '../../../../components/graph/graphModel';
import { formatDuration } from '../../../../format/duration';
import { serviceColorOf } from '../../../../theme/servicePalette';

export interface NameTables {
  services: readonly string[];
  operations: readonly string[];
}

export const nodeId = (i: number): string => `op-${i}`;

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What the view lays out at most. The 100k-span benchmark trace (20 services, 100 operations
 * calling each other at random) has 9,000 call paths: ELK had not finished after a minute, and
 * no one could read the result. 60 operations and 120 call paths take ELK ~0.4 s of CPU on a
 * loaded machine (100 and 250: ~1 s), so the view opens within a second.
 */
export const TRACE_GRAPH_BUDGET: TraceGraphBudget = { nodes: 60, edges: 120 };

/** The whole graph, or the part of it within TRACE_GRAPH_BUDGET (core drawnTraceGraph). */
export const drawnPartOf = (graph: TraceGraph): DrawnTraceGraph => drawnTraceGraph(graph, TRACE_GRAPH_BUDGET);

export function traceGraphData(
  graph: TraceGraph,
  names: NameTables,
  drawn: DrawnTraceGraph = drawnPartOf(graph),
): GraphData {
  const edges = drawn.edges.map((i) => graph.edges[i]);
  const width = scaleSqrt()
    .domain([1, max(edges, (e) => e.count) ?? 1])
    .range([1.25, 6])
    .clamp(true);
  return {
    nodes: drawn.nodes.map((i) => {
      const n = graph.nodes[i];
      const service = names.services[n.service];
      const operation = names.operations[n.operation];
      const figures = `${n.count.toLocaleString('en-US')}× · total ${formatDuration(n.totalUs)} · self ${formatDuration(n.selfUs)}`;
      const errors = n.errorCount > 0 ? plural(n.errorCount, 'error', 'errors') : null;
      return {
        id: nodeId(i),
        lines: errors ? [operation, service, figures, errors] : [operation, service, figures],
        stripe: serviceColorOf(service),
        tone: n.errorCount > 0 ? 'danger' : 'neutral',
        emphasis: n.critical,
        ariaLabel:
          `${operation} (${service}): ${plural(n.count, 'span', 'spans')}, total ${formatDuration(n.totalUs)}, ` +
          `self ${formatDuration(n.selfUs)}${errors ? `, ${errors}` : ''}${n.critical ? ', on the critical path' : ''}. ` +
          'Find its spans in the timeline',
      };
    }),
    edges: edges.map((e) => {
      const from = graph.nodes[e.source];
      const to = graph.nodes[e.target];
      const label = `${e.count.toLocaleString('en-US')}×${e.errorCount > 0 ? ` · ${plural(e.errorCount, 'error', 'errors')}` : ''}`;
      return {
        id: `${nodeId(e.source)}>${nodeId(e.target)}`,
        source: nodeId(e.source),
        target: nodeId(e.target),
        width: width(e.count),
        tone: e.errorCount > 0 ? 'danger' : 'neutral',
        label,
        ariaLabel: `${names.operations[from.operation]} calls ${names.operations[to.operation]} (${names.services[to.service]}): ${plural(e.count, 'call', 'calls')}${e.errorCount > 0 ? `, ${plural(e.errorCount, 'failed', 'failed')}` : ''}`,
      };
    }),
  };
}

/** The id of the node holding `row`, or null. */
export function nodeOfRow(graph: TraceGraph, row: number | null): string | null {
  if (row === null) return null;
  for (let i = 0; i < graph.nodes.length; i++) {
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) if (graph.rows[k] === row) return nodeId(i);
  }
  return null;
}

/** A find-in-trace query for the spans of one node: its service and its operation's name. */
export function nodeFindQuery(service: string, operation: string): string {
  const quote = (s: string) => `"${s.replaceAll('"', '')}"`;
  const serviceTerm = /[\s"]/.test(service) ? `service:${quote(service)}` : `service:${service}`;
  return `${serviceTerm} ${quote(operation)}`;
}
