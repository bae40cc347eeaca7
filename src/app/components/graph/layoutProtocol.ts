/** Messages between the page and the ELK layout worker. */

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export interface LayoutInput {
  direction: LayoutDirection;
  /** Sizes are computed by the page from the label text, so the worker needs no DOM. */
  nodes: ({ id: string } & Size)[];
  /**
   * `label` is the size of the edge's label: ELK places it and reserves room for it, so labels of
   * neighbouring edges do not overlap each other or the nodes.
   */
  edges: { id: string; source: string; target: string; label?: Size }[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutResult {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  /** Polyline from the source's border to the target's border. */
  edges: Map<string, Point[]>;
  /** Where ELK put each edge's label (top-left corner and size), for edges that have one. */
  labels: Map<string, Box>;
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
      nodes: [string, Box][];
      edges: [string, Point[]][];
      labels: [string, Box][];
      /** Time ELK took inside the worker. */
      ms: number;
    }
  | { id: number; ok: false; message: string };

/**
 * Above these sizes the layout trades stability and label room for speed (measured by
 * `npm run bench -- topology`): ELK's model-order constraint triples the time of a 300-node /
 * 1,000-edge graph, and reserving room for 1,000 labels doubles it again. Labels are then drawn
 * at their edge's midpoint; at the zoom that shows such a graph whole they are not readable anyway.
 */
export const LARGE_GRAPH = { nodes: 120, edges: 300 } as const;

export function isLargeGraph(input: { nodes: ArrayLike<unknown>; edges: ArrayLike<unknown> }): boolean {
  return input.nodes.length > LARGE_GRAPH.nodes || input.edges.length > LARGE_GRAPH.edges;
}

/**
 * Layered (Sugiyama) options for call graphs (peers.md §5.1): BRANDES_KOEPF placement is an order
 * of magnitude faster than NETWORK_SIMPLEX on 100+ nodes; edge labels sit in the middle of their
 * edge, on the side with room, with space reserved between layers so they stay readable. On
 * graphs up to LARGE_GRAPH, considerModelOrder keeps the layout stable when a refresh brings the
 * same sorted graph; above, fewer crossing-minimisation passes keep the layout within seconds.
 */
export function elkOptions(direction: LayoutDirection, large = false): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.edgeNode': '24',
    'elk.spacing.edgeEdge': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelLabel': '4',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.layered.edgeLabels.sideSelection': 'SMART_UP',
    'elk.layered.spacing.edgeNodeBetweenLayers': '24',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.cycleBreaking.strategy': 'GREEDY',
    'elk.separateConnectedComponents': 'true',
    'elk.spacing.componentComponent': '48',
  };
  if (large) options['elk.layered.thoroughness'] = '3';
  else options['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES';
  return options;
}
