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
 * Three presets by size, measured by `npm run bench -- topology` (CPU time in Node; the worker
 * runs the same code):
 * - small (up to SMALL_GRAPH): the best picture. ELK's model-order constraint keeps the layout
 *   stable when a refresh brings a new node, and full crossing minimisation (thoroughness 7).
 *   Under 0.2 s at this size; it costs 2–3× on a 100-node graph, which is why it stops here.
 * - medium (up to LARGE_GRAPH): thoroughness 3, no model order; edge labels still get room.
 *   A 100-node / 300-edge service graph: ~0.7 s instead of ~1.9 s with the small preset.
 * - large: no room for edge labels (ELK gives each labelled edge a dummy node in a layer of its
 *   own, which doubled the time: labels are drawn at their edge's midpoint, unreadable at the zoom
 *   that shows such a graph whole anyway) and SIMPLE node placement, which packs each layer around
 *   the middle: for as much CPU as Brandes-Köpf, a 300-node / 1,000-edge graph comes out
 *   7,200 × 6,100 px instead of 14,100 × 16,100, so fit-to-screen shows nodes twice as large.
 */
export type LayoutPreset = 'small' | 'medium' | 'large';

export const SMALL_GRAPH = { nodes: 40, edges: 80 } as const;
export const LARGE_GRAPH = { nodes: 120, edges: 300 } as const;

type Sized = { nodes: ArrayLike<unknown>; edges: ArrayLike<unknown> };

export function layoutPresetOf(input: Sized): LayoutPreset {
  if (input.nodes.length > LARGE_GRAPH.nodes || input.edges.length > LARGE_GRAPH.edges) return 'large';
  if (input.nodes.length > SMALL_GRAPH.nodes || input.edges.length > SMALL_GRAPH.edges) return 'medium';
  return 'small';
}

export function isLargeGraph(input: Sized): boolean {
  return layoutPresetOf(input) === 'large';
}

/**
 * Layered (Sugiyama) options for call graphs (peers.md §5.1): edge labels sit in the middle of
 * their edge, on the side with room, with space reserved between layers so they stay readable;
 * POLYLINE routing (ORTHOGONAL costs as much and stacks parallel segments of 1,000 edges into
 * bands; SPLINES strays from the route). NETWORK_SIMPLEX node placement did not finish a 300-node
 * graph in minutes.
 */
export function elkOptions(
  direction: LayoutDirection,
  preset: LayoutPreset = 'small',
): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.edgeNode': '24',
    'elk.spacing.edgeEdge': '12',
    'elk.spacing.edgeLabel': '6',
    'elk.spacing.labelLabel': '6',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.layered.edgeLabels.sideSelection': 'SMART_UP',
    'elk.layered.spacing.edgeNodeBetweenLayers': '24',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.cycleBreaking.strategy': 'GREEDY',
    'elk.separateConnectedComponents': 'true',
    'elk.spacing.componentComponent': '48',
  };
  if (preset === 'small') options['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES';
  else options['elk.layered.thoroughness'] = '3';
  if (preset === 'large') options['elk.layered.nodePlacement.strategy'] = 'SIMPLE';
  return options;
}
