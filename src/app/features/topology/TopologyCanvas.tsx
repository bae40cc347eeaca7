/**
 * The service graph, drawn by the shared graph renderer (components/graph): nodes open the
 * service's menu, edges lead to the traces of the called service.
 */
import { useMemo } from 'react';
import { edgeId, type ServiceEdge, type ServiceGraph } from '../../../core/topology/graph';
import { GraphCanvas } from '../../components/graph/GraphCanvas';
import type { GraphData } from '../../components/graph/graphModel';
import type { LayoutResult } from '../../components/graph/layoutProtocol';

interface Props {
  graph: ServiceGraph;
  /** `graph` as drawn (graphGeometry's topologyGraphData). */
  data: GraphData;
  layout: LayoutResult;
  /** Changes when the structure changes: the view is refitted then, not on a metrics refresh. */
  layoutKey: string;
  onNodeActivate: (service: string, anchor: DOMRect) => void;
  onEdgeActivate: (edge: ServiceEdge) => void;
}

export function TopologyCanvas({ graph, data, layout, layoutKey, onNodeActivate, onEdgeActivate }: Props) {
  const edges = useMemo(() => new Map(graph.edges.map((e) => [edgeId(e), e])), [graph]);
  return (
    <GraphCanvas
      data={data}
      layout={layout}
      layoutKey={layoutKey}
      ariaLabel="Service dependency graph"
      nodePopup="menu"
      onNodeActivate={onNodeActivate}
      onEdgeActivate={(id) => {
        const edge = edges.get(id);
        if (edge) onEdgeActivate(edge);
      }}
    />
  );
}
