/**
 * The service graph as the topology page sees it, and the pure operations on it (focus by hops,
 * search, neighbours). Iterative breadth-first walks: a deep call chain must not blow the stack.
 */

export interface ServiceNode {
  service: string;
  /** null when only call counts are known (a plain Jaeger's /api/dependencies). */
  callsPerSecond: number | null;
  errorRate: number | null;
  p95Ms: number | null;
}

export interface ServiceEdge {
  parent: string;
  child: string;
  callCount: number;
  callsPerSecond: number | null;
  errorRate: number | null;
  p95Ms: number | null;
}

export interface ServiceGraph {
  nodes: ServiceNode[];
  edges: ServiceEdge[];
}

export const edgeId = (e: { parent: string; child: string }): string => `${e.parent}\u2192${e.child}`;

/** A graph from Jaeger's dependency links: call counts only, nodes derived from the edges. */
export function graphFromDependencies(
  links: readonly { parent: string; child: string; callCount: number }[],
): ServiceGraph {
  const names = new Set<string>();
  const edges: ServiceEdge[] = [];
  for (const l of links) {
    names.add(l.parent).add(l.child);
    edges.push({ ...l, callsPerSecond: null, errorRate: null, p95Ms: null });
  }
  const nodes = [...names].map((service) => ({
    service,
    callsPerSecond: null,
    errorRate: null,
    p95Ms: null,
  }));
  return sortGraph({ nodes, edges });
}

/** Sorted nodes and edges: the layout is fed in a stable order so a refresh does not reshuffle it. */
export function sortGraph(graph: ServiceGraph): ServiceGraph {
  return {
    nodes: [...graph.nodes].sort((a, b) => a.service.localeCompare(b.service)),
    edges: [...graph.edges].sort((a, b) => edgeId(a).localeCompare(edgeId(b))),
  };
}

/** Services directly connected to `service`, either way (self-edges excluded). */
export function neighbours(graph: ServiceGraph, service: string): Set<string> {
  const out = new Set<string>();
  for (const e of graph.edges) {
    if (e.parent === service && e.child !== service) out.add(e.child);
    if (e.child === service && e.parent !== service) out.add(e.parent);
  }
  return out;
}

function adjacency(graph: ServiceGraph, forward: boolean): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [from, to] = forward ? [e.parent, e.child] : [e.child, e.parent];
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  }
  return map;
}

function reach(start: string, next: Map<string, string[]>, depth: number, into: Set<string>): void {
  let frontier = [start];
  const seen = new Set([start]);
  for (let hop = 0; hop < depth && frontier.length > 0; hop++) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const n of next.get(node) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        following.push(n);
      }
    }
    for (const n of following) into.add(n);
    frontier = following;
  }
}

/**
 * The subgraph of services at most `depth` hops upstream (callers) or downstream (callees) of
 * `service`, following edge direction both ways separately — a sibling reached through a shared
 * caller is not a dependency of the focused service. Unknown service → empty graph.
 */
export function focusGraph(graph: ServiceGraph, service: string, depth: number): ServiceGraph {
  if (!graph.nodes.some((n) => n.service === service)) return { nodes: [], edges: [] };
  const keep = new Set([service]);
  reach(service, adjacency(graph, true), depth, keep);
  reach(service, adjacency(graph, false), depth, keep);
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.service)),
    edges: graph.edges.filter((e) => keep.has(e.parent) && keep.has(e.child)),
  };
}

/** Services whose name contains the query (case-insensitive), exact and prefix matches first. */
export function searchServices(graph: ServiceGraph, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const rank = (name: string) => (name === q ? 0 : name.startsWith(q) ? 1 : 2);
  return graph.nodes
    .map((n) => n.service)
    .filter((s) => s.toLowerCase().includes(q))
    .sort((a, b) => rank(a.toLowerCase()) - rank(b.toLowerCase()) || a.localeCompare(b));
}

/** The busiest service (most calls in and out): where a large system opens focused. */
export function busiestService(graph: ServiceGraph): string | null {
  const calls = new Map<string, number>();
  for (const e of graph.edges) {
    calls.set(e.parent, (calls.get(e.parent) ?? 0) + e.callCount);
    calls.set(e.child, (calls.get(e.child) ?? 0) + e.callCount);
  }
  let best: string | null = null;
  let bestCalls = -1;
  for (const n of graph.nodes) {
    const c = calls.get(n.service) ?? 0;
    if (c > bestCalls || (c === bestCalls && best !== null && n.service < best)) {
      best = n.service;
      bestCalls = c;
    }
  }
  return best;
}
