/**
 * What a graph shows, independent of what it is a graph of (services, operations, a diff): nodes
 * with lines of text, edges with a width, a tone and a label. Sizes for ELK are estimated from the
 * text, so the layout needs no DOM and runs in a worker.
 */
import {
  isLargeGraph,
  type LayoutDirection,
  type LayoutInput,
  type Point,
  type Size,
} from './layoutProtocol';

/** Semantic colours, mapped to theme tokens by graph.css (light and dark). */
export type GraphTone = 'neutral' | 'muted' | 'accent' | 'success' | 'warning' | 'danger';

export interface GraphNode {
  id: string;
  /** The first line is the title (bold), the others are details (small, muted). At least one. */
  lines: readonly string[];
  tone?: GraphTone;
  /** A CSS colour (a service colour, say) for the stripe along the node's left edge. */
  stripe?: string;
  /** Outlined in the accent colour: the focused service, a critical-path operation. */
  emphasis?: boolean;
  /** Filled in the accent tint: a search match. */
  match?: boolean;
  /** Defaults to the lines joined as "title: detail, detail". */
  ariaLabel?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Stroke width in px; 1.5 when absent. Scale it by traffic with d3's scaleSqrt. */
  width?: number;
  tone?: GraphTone;
  dashed?: boolean;
  /** One line drawn on the edge; ELK reserves room for it. */
  label?: string;
  /** Defaults to "source → target: label". */
  ariaLabel?: string;
}

export interface GraphData {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** Line metrics shared by the size estimate and the drawing (graph.css sets the same fonts). */
export const NODE_METRICS = {
  titleLine: 17,
  detailLine: 15,
  paddingY: 8,
  paddingX: 14,
  minHeight: 46,
  minWidth: 88,
  /** Average glyph widths of the 13 px title and 11 px details, generous so text never clips. */
  titleCharPx: 8,
  detailCharPx: 6.6,
} as const;

const LABEL_CHAR_PX = 6.6;
const LABEL_HEIGHT = 15;
/** Label widths are rounded up to this step, so a metrics refresh rarely changes the layout. */
const LABEL_WIDTH_STEP = 24;

export function nodeSize(lines: readonly string[]): Size {
  const m = NODE_METRICS;
  let text = 0;
  lines.forEach((line, i) => {
    text = Math.max(text, line.length * (i === 0 ? m.titleCharPx : m.detailCharPx));
  });
  const content = m.titleLine + Math.max(0, lines.length - 1) * m.detailLine;
  return {
    width: Math.ceil(Math.max(text + m.paddingX * 2, m.minWidth)),
    height: Math.max(m.minHeight, content + m.paddingY * 2),
  };
}

/** Baselines of a node's lines, centred vertically in a box of `height`. */
export function lineBaselines(lineCount: number, height: number): number[] {
  const m = NODE_METRICS;
  const content = m.titleLine + Math.max(0, lineCount - 1) * m.detailLine;
  const top = (height - content) / 2;
  const out = [top + 13];
  for (let i = 1; i < lineCount; i++) out.push(top + m.titleLine + (i - 1) * m.detailLine + 12);
  return out;
}

export function labelSize(text: string): Size {
  const width = Math.ceil((text.length * LABEL_CHAR_PX + 8) / LABEL_WIDTH_STEP) * LABEL_WIDTH_STEP;
  return { width, height: LABEL_HEIGHT };
}

/** Labels get room in the layout, except on large graphs (see LARGE_GRAPH). */
export function layoutInputOf(data: GraphData, direction: LayoutDirection): LayoutInput {
  const reserveLabels = !isLargeGraph(data);
  return {
    direction,
    nodes: data.nodes.map((n) => ({ id: n.id, ...nodeSize(n.lines) })),
    edges: data.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      ...(e.label && reserveLabels ? { label: labelSize(e.label) } : {}),
    })),
  };
}

/** Identity of what the layout depends on: a refresh with the same structure and sizes keeps it. */
export function layoutKeyOf(input: LayoutInput): string {
  return JSON.stringify([input.direction, input.nodes, input.edges]);
}

/** Nodes directly connected to `id` either way, and `id` itself. */
export function neighbourhood(edges: readonly GraphEdge[], id: string): Set<string> {
  const out = new Set([id]);
  for (const e of edges) {
    if (e.source === id) out.add(e.target);
    if (e.target === id) out.add(e.source);
  }
  return out;
}

export function nodeAriaLabel(node: GraphNode): string {
  if (node.ariaLabel) return node.ariaLabel;
  const [title, ...details] = node.lines;
  return details.length > 0 ? `${title}: ${details.join(', ')}` : title;
}

const CORNER_RADIUS = 14;

/**
 * SVG path of ELK's polyline with its bends rounded. It keeps to the route (a spline through or
 * near the bend points strays from it and runs over the labels ELK placed beside the route): each
 * corner is cut by a quadratic curve at most CORNER_RADIUS from the bend, on the inside.
 */
export function edgePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0].x)},${f(points[0].y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const inLength = Math.hypot(b.x - a.x, b.y - a.y);
    const outLength = Math.hypot(c.x - b.x, c.y - b.y);
    const r = Math.min(CORNER_RADIUS, inLength / 2, outLength / 2);
    if (r < 0.5) {
      d += `L${f(b.x)},${f(b.y)}`;
      continue;
    }
    const from = { x: b.x - ((b.x - a.x) / inLength) * r, y: b.y - ((b.y - a.y) / inLength) * r };
    const to = { x: b.x + ((c.x - b.x) / outLength) * r, y: b.y + ((c.y - b.y) / outLength) * r };
    d += `L${f(from.x)},${f(from.y)}Q${f(b.x)},${f(b.y)} ${f(to.x)},${f(to.y)}`;
  }
  const last = points[points.length - 1];
  return points.length > 1 ? `${d}L${f(last.x)},${f(last.y)}` : d;
}
