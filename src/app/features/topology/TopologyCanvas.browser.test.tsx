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
import { layoutInputOf } from '../../components/graph/graphModel';
import { LayoutClient } from '../../components/graph/layoutClient';
import type { Box } from '../../components/graph/layoutProtocol';
import { topologyGraphData } from './graphGeometry';
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

describe('TopologyCanvas', () => {
  async function renderCanvas() {
    const data = topologyGraphData(graph, 'driver', new Set(['redis']));
    const layout = await client().layout(layoutInputOf(data, 'RIGHT'));
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
                data={data}
                layout={layout}
                layoutKey="k"
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
    return { screen, onNode, onEdge, layout };
  }

  it('draws nodes with their stats, edges with arrowheads, widths and error colours', async () => {
    const { screen } = await renderCanvas();
    for (const n of graph.nodes)
      await expect.element(screen.getByRole('button', { name: new RegExp(`^${n.service}:`) })).toBeVisible();
    const redisEdge = document.querySelector('[data-edge="driver→redis"] .graph-edge__line')!;
    expect(redisEdge.getAttribute('marker-end')).toMatch(/^url\(#graph-arrow-.+-danger\)$/);
    const danger = getComputedStyle(document.documentElement).getPropertyValue('--color-danger').trim();
    expect(getComputedStyle(redisEdge).stroke).toBe(hexToRgb(danger));
    const thin = Number(
      document
        .querySelector('[data-edge="frontend→customer"] .graph-edge__line')!
        .getAttribute('stroke-width'),
    );
    expect(Number(redisEdge.getAttribute('stroke-width'))).toBeGreaterThan(thin);
    expect(document.querySelector('[data-edge-label="driver→redis"]')!.textContent).toBe(
      '7.0/s · 12% err · p95 9.0 ms',
    );
    // Fitted: the viewport transform has been set by d3-zoom.
    expect(document.querySelector('.graph-svg > g')!.getAttribute('transform')).toMatch(
      /translate\(.+\) scale\(.+\)/,
    );
  });

  it('draws edge labels clear of each other and of the nodes, and marks focus and matches', async () => {
    await renderCanvas();
    const rect = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const labels = [...document.querySelectorAll('.graph-edge__label')].map(rect);
    const nodes = [...document.querySelectorAll('.graph-node__box')].map(rect);
    expect(labels).toHaveLength(graph.edges.length);
    labels.forEach((label, i) => {
      expect(label.width).toBeGreaterThan(0);
      for (const other of labels.slice(i + 1)) expect(overlap(label, other)).toBe(false);
      for (const node of nodes) expect(overlap(label, node)).toBe(false);
    });
    expect(document.querySelector('[data-node="driver"]')!.classList).toContain('is-emphasis');
    expect(document.querySelector('[data-node="redis"]')!.classList).toContain('is-match');
  });

  it('highlights a hovered node’s neighbours and reports clicks', async () => {
    const { screen, onNode, onEdge } = await renderCanvas();
    await userEvent.hover(screen.getByRole('button', { name: /^driver:/ }));
    const dim = [...document.querySelectorAll('.graph-node.is-dim')].map((n) => n.getAttribute('data-node'));
    expect(dim.sort()).toEqual(['customer', 'route']);
    await userEvent.click(screen.getByRole('button', { name: /^redis:/ }));
    expect(onNode).toHaveBeenCalledWith('redis', expect.any(DOMRect));
    (document.querySelector('[data-edge="frontend→driver"]') as SVGGElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(onEdge).toHaveBeenCalledWith(expect.objectContaining({ parent: 'frontend', child: 'driver' }));
  });
});

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function hexToRgb(hex: string): string {
  const v = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
