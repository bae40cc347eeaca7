/**
 * One ELK layout, from the page's LayoutInput to plain positions. Runs in the layout worker, and
 * directly in Node for the benchmark (bench/topology), so both measure the same thing.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import { elkOptions, layoutPresetOf, type Box, type LayoutInput, type Point } from './layoutProtocol';

export interface ElkPositions {
  width: number;
  height: number;
  nodes: [string, Box][];
  edges: [string, Point[]][];
  labels: [string, Box][];
}

export async function runElkLayout(elk: ELK, input: LayoutInput): Promise<ElkPositions> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: elkOptions(input.direction, layoutPresetOf(input)),
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.map((e) => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: e.label
        ? // ELK skips labels without text; the text itself is drawn by the page.
          [{ id: `${e.id}\u0000label`, text: 'label', width: e.label.width, height: e.label.height }]
        : [],
    })),
  };
  const out = await elk.layout(graph);
  const nodes: [string, Box][] = (out.children ?? []).map((n) => [
    n.id,
    { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 },
  ]);
  const edges: [string, Point[]][] = [];
  const labels: [string, Box][] = [];
  // Every edge joins two children of the root, so its coordinates are the root's.
  for (const e of (out.edges ?? []) as ElkExtendedEdge[]) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    edges.push([e.id, points]);
    const label = e.labels?.[0];
    if (label) {
      labels.push([
        e.id,
        { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 },
      ]);
    }
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges, labels };
}
