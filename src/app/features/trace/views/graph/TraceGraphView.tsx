/**
 * The trace as a call graph: one node per service and operation (how many spans, total and self
 * time, errors; outlined when on the critical path), one edge per caller → callee pair with its
 * call count, laid out by ELK in a worker and drawn by the shared graph renderer. Activating a
 * node opens the timeline on its first span, with find-in-trace listing the others.
 */
import { useCallback, useMemo, useState } from 'react';
import type { DrawnTraceGraph } from '../../../../../core/analysis/traceGraph';
import { useSearchParams } from 'react-router';
import { GraphCanvas } from '../../../../components/graph/GraphCanvas';
import type { LayoutDirection } from '../../../../components/graph/layoutProtocol';
import { useGraphLayout } from '../../../../components/graph/useGraphLayout';
import { ErrorView, LoadingView } from '../../../../components/StatusViews';
import { spanIdOfRow } from '../../../../workers/traceModel';
import { FIND_PARAM } from '../../find/useFindInTrace';
import { useTraceView } from '../../state/traceViewStore';
import { SPAN_PARAM, useSelectedSpan } from '../../useSelectedSpan';
import { useAnalysis } from '../shared/useAnalysis';
import type { TraceViewProps } from '../traceViews';
import { VIEW_PARAM } from '../useTraceViewParam';
import { drawnPartOf, nodeFindQuery, nodeId, nodeOfRow, traceGraphData } from './traceGraphData';
import '../shared/virtualGrid.css';
import './traceGraph.css';

const NO_PARAMS = {};

const count = (n: number) => n.toLocaleString('en-US');

/** What the graph leaves out of a trace too big to draw whole, and how to see the rest. */
function drawnNote(nodes: number, edges: number, drawn: DrawnTraceGraph): string {
  const parts = [`Showing the busiest ${count(drawn.edges.length)} of ${count(edges)} call paths`];
  if (drawn.nodes.length < nodes) {
    parts.push(
      ` between ${count(drawn.nodes.length)} of ${count(nodes)} operations (${count(drawn.hiddenSpans)} spans left out)`,
    );
  }
  parts.push(
    `; ${count(drawn.hiddenCalls)} calls on the other paths are not drawn. The statistics view lists every operation.`,
  );
  return parts.join('');
}

export default function TraceGraphView(_props: TraceViewProps) {
  const skeleton = useTraceView((s) => s.skeleton);
  const revealRow = useTraceView((s) => s.revealRow);
  const analysis = useAnalysis('traceGraph', NO_PARAMS);
  const graph = analysis.data;
  const [direction, setDirection] = useState<LayoutDirection>('RIGHT');
  const [, setParams] = useSearchParams();
  const drawn = useMemo(() => (graph ? drawnPartOf(graph) : null), [graph]);
  const data = useMemo(
    () => (graph && drawn ? traceGraphData(graph, skeleton, drawn) : { nodes: [], edges: [] }),
    [graph, drawn, skeleton],
  );
  const layout = useGraphLayout(data, direction);
  const [selectedRow] = useSelectedSpan(skeleton);
  // The node of the span selected in the timeline or the flame graph.
  const selectedNode = useMemo(() => (graph ? nodeOfRow(graph, selectedRow) : null), [graph, selectedRow]);

  // One URL update for the view, the span and the find query (see TraceView's openInTimeline).
  const findInTimeline = useCallback(
    (id: string) => {
      if (!graph) return;
      const node = graph.nodes.findIndex((_, i) => nodeId(i) === id);
      if (node < 0) return;
      const first = graph.rows[graph.offsets[node]];
      const { service, operation } = graph.nodes[node];
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        out.delete(VIEW_PARAM);
        out.set(SPAN_PARAM, spanIdOfRow(skeleton, first));
        out.set(FIND_PARAM, nodeFindQuery(skeleton.services[service], skeleton.operations[operation]));
        return out;
      });
      revealRow(first);
    },
    [graph, skeleton, setParams, revealRow],
  );

  if (analysis.error) return <ErrorView title="Could not build the trace graph" message={analysis.error} />;
  if (!graph || !drawn) return <LoadingView label="Grouping spans by service and operation…" />;
  const critical = graph.nodes.filter((n) => n.critical).length;
  const partial = drawn.nodes.length < graph.nodes.length || drawn.edges.length < graph.edges.length;
  return (
    <section
      className="analysis-view trace-graph-view"
      aria-label="Trace graph"
      data-view-ready={layout.layout ? 'true' : undefined}
      aria-busy={layout.pending}
    >
      <div className="analysis-toolbar">
        <span className="analysis-toolbar__status">
          {graph.nodes.length.toLocaleString('en-US')} operations in{' '}
          {skeleton.services.length.toLocaleString('en-US')}{' '}
          {skeleton.services.length === 1 ? 'service' : 'services'},{' '}
          {graph.edges.length.toLocaleString('en-US')} {graph.edges.length === 1 ? 'call path' : 'call paths'}{' '}
          · {skeleton.spanCount.toLocaleString('en-US')} spans
        </span>
        <span className="trace-graph-legend" aria-label="Legend">
          {critical > 0 && (
            <span className="trace-graph-legend__critical">Outlined: on the critical path</span>
          )}
          <span className="trace-graph-legend__error">Red: has errors</span>
          <span>Select a node to find its spans in the timeline</span>
        </span>
        {partial && (
          <span className="trace-graph-view__partial" role="note">
            {drawnNote(graph.nodes.length, graph.edges.length, drawn)}
          </span>
        )}
      </div>
      <div className="trace-graph-view__body">
        {layout.error ? (
          <ErrorView title="Could not lay out the trace graph" message={layout.error} />
        ) : !layout.layout ? (
          <LoadingView label="Laying out the trace graph…" />
        ) : (
          <GraphCanvas
            data={data}
            layout={layout.layout}
            layoutKey={layout.layoutFor ?? ''}
            ariaLabel="Trace graph by service and operation"
            direction={direction}
            onDirectionChange={setDirection}
            selected={selectedNode}
            onNodeActivate={findInTimeline}
          />
        )}
      </div>
    </section>
  );
}
