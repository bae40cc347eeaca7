/** Messages between the page and the ELK layout worker. */

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface LayoutInput {
  direction: LayoutDirection;
  /** Sizes are computed by the page from the label text, so the worker needs no DOM. */
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  /** Polyline from the parent's border to the child's border. */
  edges: Map<string, Point[]>;
}

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

export type LayoutResponse =
  | {
      id: number;
      ok: true;
      width: number;
      height: number;
      nodes: [string, { x: number; y: number; width: number; height: number }][];
      edges: [string, Point[]][];
      ms: number;
    }
  | { id: number; ok: false; message: string };

/**
 * Layered (Sugiyama) options for service graphs (peers.md §5.1): BRANDES_KOEPF placement is an
 * order of magnitude faster than NETWORK_SIMPLEX on 100+ nodes; considerModelOrder keeps the
 * layout stable when a refresh brings the same sorted graph; generous spacing keeps the two-line
 * labels and the edge labels readable.
 */
export function elkOptions(direction: LayoutDirection): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.edgeNode': '24',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeNodeBetweenLayers': '24',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'GREEDY',
    'elk.separateConnectedComponents': 'true',
    'elk.spacing.componentComponent': '48',
  };
}
