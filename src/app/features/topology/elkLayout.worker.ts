/// <reference lib="webworker" />
/**
 * ELK layout off the main thread: the GWT-compiled layout is synchronous and uninterruptible, and
 * ~1.5 MB that only this worker chunk loads. The client cancels by terminating the worker.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { elkOptions, type LayoutRequest, type LayoutResponse, type Point } from './layoutProtocol';

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function layout({ id, input }: LayoutRequest): Promise<LayoutResponse> {
  const started = performance.now();
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: elkOptions(input.direction),
    children: input.nodes.map((n) => ({ ...n })),
    edges: input.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await elk.layout(graph);
  const nodes: [string, { x: number; y: number; width: number; height: number }][] = (out.children ?? []).map(
    (n) => [n.id, { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 }],
  );
  const edges: [string, Point[]][] = ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
    const points: Point[] = [];
    for (const s of e.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    return [e.id, points];
  });
  return {
    id,
    ok: true,
    width: out.width ?? 0,
    height: out.height ?? 0,
    nodes,
    edges,
    ms: performance.now() - started,
  };
}

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  layout(event.data).then(
    (response) => scope.postMessage(response),
    (err: unknown) =>
      scope.postMessage({ id: event.data.id, ok: false, message: String(err) } satisfies LayoutResponse),
  );
};
