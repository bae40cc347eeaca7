/**
 * The aligned tree as a graph: one box per operation path, coloured by how it changed. Layered ELK
 * stays readable and fast to a few hundred boxes, so a bigger comparison shows the operations that
 * matter most — the top contributors first, then the largest changes in total time — together with
 * their callers, so that every box still hangs from its root.
 */
import {
  contribution,
  nodeChange,
  nodeLabel,
  percentChange,
  type ChangeThresholds,
  type NodeChange,
} from '../../../../core/diff/diffNodes';
import type { TraceDiff } from '../../../../core/diff/traceDiff';
import type { GraphData, GraphEdge, GraphNode, GraphTone } from '../../../components/graph/graphModel';
import { formatDuration } from '../../../format/duration';
import { serviceColorOf } from '../../../theme/servicePalette';
import { formatDurationChange, formatPercentChange } from '../diffFormat';

export const MAX_GRAPH_NODES = 150;
/** Longer operation names (SQL, URLs with IDs) are cut: the box would be wider than the screen. */
const MAX_TITLE_CHARS = 44;

export const changeTones: Record<NodeChange, GraphTone> = {
  added: 'warning',
  removed: 'muted',
  slower: 'danger',
  faster: 'success',
  same: 'neutral',
};

export interface DiffGraph {
  data: GraphData;
  /** Aligned nodes on the graph, in tree order. */
  shown: number[];
  /** Whether some of `candidates` were left out to stay under MAX_GRAPH_NODES. */
  truncated: boolean;
}

/**
 * Picks which of `candidates` to draw (all of them when they fit) and adds their ancestors.
 * Priority: top contributors, then |Δ total| largest first.
 */
export function graphNodes(
  diff: TraceDiff,
  candidates: Int32Array,
  limit = MAX_GRAPH_NODES,
): { shown: number[]; truncated: boolean } {
  const include = new Uint8Array(diff.size);
  let count = 0;
  const addWithAncestors = (node: number): boolean => {
    // Count the missing ancestors first, so a pick is taken whole or not at all.
    let missing = 0;
    for (let n = node; n >= 0 && include[n] === 0; n = diff.parent[n]) missing++;
    if (count + missing > limit) return false;
    for (let n = node; n >= 0 && include[n] === 0; n = diff.parent[n]) include[n] = 1;
    count += missing;
    return true;
  };
  let truncated = false;
  const order = [...diff.topContributors];
  const top = new Set(order);
  const rest = [...candidates].filter((n) => !top.has(n));
  const change = (n: number) => Math.abs(diff.b.totalUs[n] - diff.a.totalUs[n]);
  if (candidates.length > limit) rest.sort((x, y) => change(y) - change(x) || x - y);
  else rest.sort((x, y) => x - y);
  const candidateSet = new Set(candidates);
  for (const node of [...order.filter((n) => candidateSet.has(n)), ...rest]) {
    if (!addWithAncestors(node)) truncated = true;
  }
  const shown: number[] = [];
  for (let n = 0; n < diff.size; n++) if (include[n]) shown.push(n);
  return { shown, truncated };
}

function shorten(text: string): string {
  return text.length > MAX_TITLE_CHARS ? `${text.slice(0, MAX_TITLE_CHARS - 1)}…` : text;
}

function figuresLine(diff: TraceDiff, node: number, change: NodeChange): string {
  const { a, b } = diff;
  const counts =
    a.count[node] === b.count[node] ? `${b.count[node]}×` : `${a.count[node]}× → ${b.count[node]}×`;
  if (change === 'added') return `new · ${b.count[node]}× · ${formatDuration(b.totalUs[node])}`;
  if (change === 'removed') return `gone · ${a.count[node]}× · ${formatDuration(a.totalUs[node])}`;
  const delta = b.totalUs[node] - a.totalUs[node];
  return `${counts} · ${formatDurationChange(delta)} (${formatPercentChange(percentChange(a.totalUs[node], b.totalUs[node]))})`;
}

export function diffGraphData(
  diff: TraceDiff,
  shown: readonly number[],
  thresholds: ChangeThresholds,
  contributorRank: ReadonlyMap<number, number>,
): GraphData {
  const on = new Set(shown);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const node of shown) {
    const change = nodeChange(diff, node, thresholds);
    const service = diff.services[diff.service[node]];
    const operation = diff.operations[diff.operation[node]];
    const rank = contributorRank.get(node);
    const critical = contribution(diff, node);
    const lines = [shorten(operation), service, figuresLine(diff, node, change)];
    if (rank !== undefined)
      lines.push(`#${rank} contributor · ${formatDurationChange(critical)} on the path`);
    nodes.push({
      id: String(node),
      lines,
      tone: changeTones[change],
      stripe: serviceColorOf(service),
      emphasis: rank !== undefined,
      ariaLabel: `${nodeLabel(diff, node)}: ${change}, ${lines.slice(2).join(', ')}`,
    });
    const parent = diff.parent[node];
    if (parent >= 0 && on.has(parent)) {
      edges.push({
        id: `${parent}>${node}`,
        source: String(parent),
        target: String(node),
        tone: change === 'removed' ? 'muted' : change === 'added' ? 'warning' : 'neutral',
        dashed: change === 'removed' || change === 'added',
      });
    }
  }
  return { nodes, edges };
}
