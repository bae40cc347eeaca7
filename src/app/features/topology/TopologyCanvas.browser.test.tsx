/**
 * The ELK worker and the SVG graph in a real Chromium: worker bundling, cancellation, d3 zoom and
 * hover highlighting need a real browser.
 */
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { hotrodTopology } from '../../../../mocks/topology';
import { sortGraph, type ServiceGraph } from '../../../core/topology/graph';
import '../../theme/tokens.css';
import '../../theme/base.css';
import { layoutInput } from './graphGeometry';
import { LayoutCancelled, LayoutClient, LayoutTimeout } from './layoutClient';
import { TopologyCanvas } from './TopologyCanvas';
import './topology.css';

const graph: ServiceGraph = sortGraph(hotrodTopology);
const clients: LayoutClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function client(): LayoutClient {
  const c = new LayoutClient();
  clients.push(c);
  return c;
}

/** A random sparse graph of `n` services and `m` calls, reproducible. */
function bigGraph(n: number, m: number): ServiceGraph {
  // mulberry32: a plain LCG's low bits cycle too soon and could never yield m distinct pairs.
  let seed = 11;
  const rand = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * k) | 0;
  };
  const nodes = Array.from({ length: n }, (_, i) => ({
    service: `service-${i}`,
    callsPerSecond: 1,
    errorRate: 0,
    p95Ms: 10,
  }));
  const seen = new Set<string>();
  const edges = [];
  while (edges.length < m) {
    const a = rand(n);
    const b = rand(n);
    if (seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    edges.push({
      parent: `service-${a}`,
      child: `service-${b}`,
      callCount: 1,
      callsPerSecond: 1,
      errorRate: 0,
      p95Ms: 1,
    });
  }
  return sortGraph({ nodes, edges });
}

describe('ELK layout worker', () => {
  it('places every node and routes every edge, self-edges included', async () => {
    const layout = await client().layout(layoutInput(graph, 'RIGHT'));
    expect([...layout.nodes.keys()].sort()).toEqual(graph.nodes.map((n) => n.service));
    for (const e of graph.edges)
      expect(layout.edges.get(`${e.parent}\u2192${e.child}`)?.length).toBeGreaterThan(1);
    // Left to right: the caller sits left of its callees.
    expect(layout.nodes.get('frontend')!.x).toBeLessThan(layout.nodes.get('driver')!.x);
    const down = await client().layout(layoutInput(graph, 'DOWN'));
    expect(down.nodes.get('frontend')!.y).toBeLessThan(down.nodes.get('driver')!.y);
  });

  it('lets the latest request win and gives up on a deadline', async () => {
    const c = client();
    const first = c.layout(layoutInput(bigGraph(80, 200), 'RIGHT'));
    const second = c.layout(layoutInput(graph, 'RIGHT'));
    await expect(first).rejects.toBeInstanceOf(LayoutCancelled);
    expect((await second).nodes.size).toBe(5);
    await expect(c.layout(layoutInput(bigGraph(300, 1000), 'RIGHT'), 5)).rejects.toBeInstanceOf(
      LayoutTimeout,
    );
    // The client recovers with a fresh worker.
    expect((await c.layout(layoutInput(graph, 'DOWN'))).nodes.size).toBe(5);
  }, 60_000);
});

describe('TopologyCanvas', () => {
  async function renderCanvas() {
    const layout = await client().layout(layoutInput(graph, 'RIGHT'));
    const onNode = vi.fn();
    const onEdge = vi.fn();
    const router = createMemoryRouter(
      [
        {
          path: '/',
          element: (
            <div style={{ width: 1000, height: 600, display: 'flex' }}>
              <TopologyCanvas
                graph={graph}
                layout={layout}
                layoutKey="k"
                focused="driver"
                matches={new Set(['redis'])}
                onNodeActivate={onNode}
                onEdgeActivate={onEdge}
              />
            </div>
          ),
        },
      ],
      { initialEntries: ['/'] },
    );
    const screen = await render(<RouterProvider router={router} />);
    return { screen, onNode, onEdge };
  }

  it('draws nodes with their stats, edges with arrowheads, widths and error colours', async () => {
    const { screen } = await renderCanvas();
    for (const n of graph.nodes)
      await expect.element(screen.getByRole('button', { name: new RegExp(`^${n.service}:`) })).toBeVisible();
    const redisEdge = document.querySelector('[data-edge="driver→redis"] .topology-edge__line')!;
    expect(redisEdge.getAttribute('marker-end')).toBe('url(#topology-arrow-high)');
    const danger = getComputedStyle(document.documentElement).getPropertyValue('--color-danger').trim();
    expect(getComputedStyle(redisEdge).stroke).toBe(hexToRgb(danger));
    const thin = Number(
      document
        .querySelector('[data-edge="frontend→customer"] .topology-edge__line')!
        .getAttribute('stroke-width'),
    );
    expect(Number(redisEdge.getAttribute('stroke-width'))).toBeGreaterThan(thin);
    expect(document.querySelector('[data-edge="driver→redis"] text')!.textContent).toBe(
      '7.0/s · 12% err · p95 9.0 ms',
    );
    // Fitted: the viewport transform has been set by d3-zoom.
    expect(document.querySelector('.topology-svg > g')!.getAttribute('transform')).toMatch(
      /translate\(.+\) scale\(.+\)/,
    );
  });

  it('highlights a hovered node’s neighbours and reports clicks', async () => {
    const { screen, onNode, onEdge } = await renderCanvas();
    await userEvent.hover(screen.getByRole('button', { name: /^driver:/ }));
    const dim = [...document.querySelectorAll('.topology-node.is-dim')].map((n) =>
      n.getAttribute('data-service'),
    );
    expect(dim.sort()).toEqual(['customer', 'route']);
    await userEvent.click(screen.getByRole('button', { name: /^redis:/ }));
    expect(onNode).toHaveBeenCalledWith('redis', expect.any(DOMRect));
    (document.querySelector('[data-edge="frontend→driver"]') as SVGGElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(onEdge).toHaveBeenCalledWith(expect.objectContaining({ parent: 'frontend', child: 'driver' }));
  });
});

function hexToRgb(hex: string): string {
  const v = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
