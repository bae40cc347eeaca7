/**
 * Reproducible generated graphs shaped like service topologies (labels with stats), for the
 * layout tests and the ELK benchmark (bench/topology).
 */
import type { GraphData, GraphEdge, GraphNode } from './graphModel';

/** mulberry32: a plain LCG's low bits cycle too soon and could never yield every distinct pair. */
function generator(seed: number): (k: number) => number {
  let state = seed;
  return (k) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * k) | 0;
  };
}

const name = (i: number) => `service-${i}`;

function nodesOf(count: number, rand: (k: number) => number): GraphNode[] {
  return Array.from({ length: count }, (_, i) => ({
    id: name(i),
    lines: [name(i), `${(rand(900) / 10).toFixed(1)}/s · ${rand(10)}% err · p95 ${rand(900)} ms`],
  }));
}

function edge(a: number, b: number, rand: (k: number) => number): GraphEdge {
  return {
    id: `${name(a)}\u2192${name(b)}`,
    source: name(a),
    target: name(b),
    label: `${rand(90)}.0/s · 0% err · p95 ${rand(90)} ms`,
  };
}

/** Edges between uniformly random pairs: cycles everywhere, edges spanning many layers. */
export function randomGraph(services: number, calls: number, seed = 11): GraphData {
  if (calls > services * services) throw new RangeError(`${calls} edges cannot join ${services} nodes`);
  const rand = generator(seed);
  const nodes = nodesOf(services, rand);
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  while (edges.length < calls) {
    const e = edge(rand(services), rand(services), rand);
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    edges.push(e);
  }
  return { nodes, edges };
}

/** Shares of the services in each tier: gateways, front-ends, domain services, shared services, stores. */
const TIERS = [0.04, 0.1, 0.3, 0.28, 0.28];

/**
 * A system of `services` in five tiers, each call going to the next tier (85 %), skipping one
 * (11 %), within its tier (3 %) or back up one (1 %, a cycle). Stores rarely call anything.
 */
export function serviceTopologyGraph(services: number, calls: number, seed = 7): GraphData {
  const rand = generator(seed);
  const tierOf: number[] = [];
  const members: number[][] = TIERS.map(() => []);
  for (let i = 0; i < services; i++) {
    let tier = 0;
    for (let share = TIERS[0]; tier < TIERS.length - 1 && i / services >= share;) share += TIERS[++tier];
    tierOf.push(tier);
    members[tier].push(i);
  }
  const last = TIERS.length - 1;
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (let attempts = 0; edges.length < calls; attempts++) {
    if (attempts > calls * 1000)
      throw new RangeError(`could not place ${calls} calls among ${services} services`);
    const a = rand(services);
    const from = tierOf[a];
    if (from === last && rand(10) > 0) continue;
    const r = rand(100);
    const to = r < 85 ? from + 1 : r < 96 ? from + 2 : r < 99 ? from : Math.max(0, from - 1);
    if (to > last || members[to].length === 0) continue;
    const e = edge(a, members[to][rand(members[to].length)], rand);
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    edges.push(e);
  }
  return { nodes: nodesOf(services, rand), edges };
}
