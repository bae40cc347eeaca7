/**
 * The ELK worker in a real Chromium: worker bundling, edge-label placement, cancellation and the
 * deadline need a real browser.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { layoutInputOf, type GraphData } from './graphModel';
import { LayoutCancelled, LayoutClient, LayoutTimeout, prewarmLayoutWorker } from './layoutClient';
import type { Box } from './layoutProtocol';
import { randomGraph } from './randomGraph';

const clients: LayoutClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function client(): LayoutClient {
  const c = new LayoutClient();
  clients.push(c);
  return c;
}

// One caller fanning out to three callees that all call a fourth, plus a self-call: the shape in
// which neighbouring edges' labels used to be drawn over each other.
const fanOut: GraphData = {
  nodes: ['frontend', 'customer', 'driver', 'route', 'redis'].map((id) => ({
    id,
    lines: [id, '1.0/s · 0% err'],
  })),
  edges: [
    ['frontend', 'customer'],
    ['frontend', 'driver'],
    ['frontend', 'route'],
    ['driver', 'redis'],
    ['customer', 'redis'],
    ['frontend', 'frontend'],
  ].map(([source, target]) => ({
    id: `${source}>${target}`,
    source,
    target,
    label: '12.5/s · 1.2% err · p95 730 ms',
  })),
};

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('ELK layout worker', () => {
  it('places every node, routes every edge (self-edges too) and follows the direction', async () => {
    const right = await client().layout(layoutInputOf(fanOut, 'RIGHT'));
    expect([...right.nodes.keys()].sort()).toEqual(fanOut.nodes.map((n) => n.id).sort());
    for (const e of fanOut.edges) expect(right.edges.get(e.id)?.length).toBeGreaterThan(1);
    expect(right.nodes.get('frontend')!.x).toBeLessThan(right.nodes.get('driver')!.x);
    const down = await client().layout(layoutInputOf(fanOut, 'DOWN'));
    expect(down.nodes.get('frontend')!.y).toBeLessThan(down.nodes.get('driver')!.y);
  });

  it('a layout asked of a warming-up spare worker waits for its own answer, not the warm-up', async () => {
    // Dispose every client first, so the spare slot is free for the warm-up worker.
    for (const c of clients.splice(0)) c.dispose();
    prewarmLayoutWorker();
    const warmed = client();
    // Asked at once, so the request queues behind the warm-up layout in the same worker.
    const layout = await warmed.layout(layoutInputOf(fanOut, 'RIGHT'));
    expect([...layout.nodes.keys()].sort()).toEqual(fanOut.nodes.map((n) => n.id).sort());
    expect(layout.nodes.has('n0')).toBe(false);
    // The worker stays usable for the next request.
    const again = await warmed.layout(layoutInputOf(fanOut, 'DOWN'));
    expect(again.nodes.get('frontend')!.y).toBeLessThan(again.nodes.get('driver')!.y);
  });

  it('reserves room for edge labels: no label overlaps another label or a node', async () => {
    for (const direction of ['RIGHT', 'DOWN'] as const) {
      const layout = await client().layout(layoutInputOf(fanOut, direction));
      const labels = [...layout.labels.values()];
      expect(labels).toHaveLength(fanOut.edges.length);
      const nodes = [...layout.nodes.values()];
      labels.forEach((label, i) => {
        expect(label.width).toBeGreaterThanOrEqual('12.5/s · 1.2% err · p95 730 ms'.length * 6);
        for (const other of labels.slice(i + 1)) expect(overlaps(label, other)).toBe(false);
        for (const node of nodes) expect(overlaps(label, node)).toBe(false);
      });
    }
  });

  it('hands an idle worker from a disposed client to the next one', async () => {
    let started = 0;
    const RealWorker = globalThis.Worker;
    vi.stubGlobal(
      'Worker',
      class extends RealWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          started++;
        }
      },
    );
    try {
      const first = new LayoutClient();
      await first.layout(layoutInputOf(fanOut, 'RIGHT'));
      first.dispose();
      const second = client();
      expect((await second.layout(layoutInputOf(fanOut, 'DOWN'))).nodes.size).toBe(5);
      // One worker, one parse of ELK's 1.5 MB, for both (unless an earlier test left a spare).
      expect(started).toBeLessThanOrEqual(1);
      // A client disposed while its worker is busy does not hand that worker on.
      const busy = new LayoutClient();
      void busy.layout(layoutInputOf(randomGraph(80, 200), 'RIGHT')).catch(() => undefined);
      second.dispose();
      busy.dispose();
      expect((await client().layout(layoutInputOf(fanOut, 'RIGHT'))).nodes.size).toBe(5);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('lets the latest request win and gives up on a deadline', async () => {
    const c = client();
    const first = c.layout(layoutInputOf(randomGraph(80, 200), 'RIGHT'));
    // It waits for the first to finish in the worker: seconds on a loaded machine.
    const second = c.layout(layoutInputOf(fanOut, 'RIGHT'), 50_000);
    await expect(first).rejects.toBeInstanceOf(LayoutCancelled);
    expect((await second).nodes.size).toBe(5);
    await expect(c.layout(layoutInputOf(randomGraph(300, 1000), 'RIGHT'), 5)).rejects.toBeInstanceOf(
      LayoutTimeout,
    );
    // The client recovers with a fresh worker.
    expect((await c.layout(layoutInputOf(fanOut, 'DOWN'))).nodes.size).toBe(5);
  }, 120_000);
});
