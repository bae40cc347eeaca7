/** The shared graph renderer in a real Chromium: layout, d3 zoom, focus and hover need a browser. */
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../theme/tokens.css';
import '../../theme/base.css';
import { Graph } from './Graph';
import type { GraphData } from './graphModel';
import type { LayoutDirection } from './layoutProtocol';

// a → b → d, a → c → d, plus an unconnected e.
const data: GraphData = {
  nodes: [
    { id: 'a', lines: ['api', '12 calls', '3.1 ms self'], stripe: 'rgb(10, 120, 200)', emphasis: true },
    { id: 'b', lines: ['auth'], tone: 'danger' },
    { id: 'c', lines: ['cart'], tone: 'success' },
    { id: 'd', lines: ['db'], tone: 'muted' },
    { id: 'e', lines: ['cron'] },
  ],
  edges: [
    { id: 'a-b', source: 'a', target: 'b', label: '×12', width: 4, tone: 'danger' },
    { id: 'a-c', source: 'a', target: 'c', label: '×1' },
    { id: 'b-d', source: 'b', target: 'd', dashed: true },
    { id: 'c-d', source: 'c', target: 'd' },
  ],
};

function Harness(props: { onNode?: (id: string) => void; onEdge?: (id: string) => void }) {
  const [direction, setDirection] = useState<LayoutDirection>('RIGHT');
  return (
    <div style={{ width: 900, height: 500, display: 'flex' }}>
      <Graph
        data={data}
        direction={direction}
        onDirectionChange={setDirection}
        ariaLabel="Test graph"
        selected="c"
        onNodeActivate={props.onNode && ((id) => props.onNode?.(id))}
        onEdgeActivate={props.onEdge}
      />
    </div>
  );
}

const node = (id: string) => document.querySelector<SVGGElement>(`[data-node="${id}"]`)!;
const centre = (id: string) => {
  const r = node(id).getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
};

describe('Graph', () => {
  it('lays out and draws nodes with their lines, tones, stripe and edges with labels', async () => {
    const screen = await render(<Harness />);
    await expect.element(screen.getByRole('img', { name: 'api: 12 calls, 3.1 ms self' })).toBeVisible();
    const texts = [...node('a').querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(['api', '12 calls', '3.1 ms self']);
    expect(getComputedStyle(node('a').querySelector('.graph-node__stripe')!).fill).toBe('rgb(10, 120, 200)');
    expect(node('a').classList).toContain('is-emphasis');
    expect(node('b').classList).toContain('graph-node--danger');
    expect(node('c').classList).toContain('is-selected');
    const edge = document.querySelector('[data-edge="a-b"]')!;
    expect(edge.querySelector('.graph-edge__line')!.getAttribute('stroke-width')).toBe('4');
    expect(document.querySelector('[data-edge-label="a-b"]')!.textContent).toBe('×12');
    expect(edge.getAttribute('aria-label')).toBe('a → b: ×12');
    expect(document.querySelector('[data-edge="b-d"]')!.classList).toContain('is-dashed');
    // Without handlers, nodes are focusable images and edges are not in the tab order.
    expect(edge.getAttribute('role')).toBe('img');
    expect(edge.hasAttribute('tabindex')).toBe(false);
    expect(centre('a').x).toBeLessThan(centre('b').x);
  });

  it('toggles the direction and lays out again', async () => {
    const screen = await render(<Harness />);
    await expect.element(screen.getByRole('img', { name: /^api/ })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Top ↓ down' }));
    await expect
      .element(screen.getByRole('button', { name: 'Top ↓ down' }))
      .toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(() => centre('a').y < centre('b').y && Math.abs(centre('a').x - centre('b').x) < 200)
      .toBe(true);
  });

  it('highlights neighbours on focus, moves focus with the arrows and activates nodes and edges', async () => {
    const onNode = vi.fn();
    const onEdge = vi.fn();
    const screen = await render(<Harness onNode={onNode} onEdge={onEdge} />);
    await expect.element(screen.getByRole('button', { name: /^api/ })).toBeVisible();
    node('a').focus();
    const dim = () =>
      [...document.querySelectorAll('.graph-node.is-dim')].map((n) => n.getAttribute('data-node'));
    await expect.poll(() => dim().sort()).toEqual(['d', 'e']);
    expect(document.querySelector('[data-edge="b-d"]')!.classList).toContain('is-dim');
    expect(document.querySelector('[data-edge-label="a-b"]')!.classList).not.toContain('is-dim');
    await userEvent.keyboard('{ArrowRight}');
    expect(['b', 'c']).toContain(document.activeElement?.getAttribute('data-node'));
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement?.getAttribute('data-node')).toBe('d');
    await userEvent.keyboard('{Enter}');
    expect(onNode).toHaveBeenCalledWith('d');
    await userEvent.click(screen.getByRole('button', { name: 'cron' }));
    expect(onNode).toHaveBeenLastCalledWith('e');
    (document.querySelector('[data-edge="a-c"]') as SVGGElement).focus();
    await userEvent.keyboard(' ');
    expect(onEdge).toHaveBeenCalledWith('a-c');
  });

  it('zooms with the toolbar and fits back', async () => {
    const screen = await render(<Harness />);
    await expect.element(screen.getByRole('img', { name: /^api/ })).toBeVisible();
    const viewport = document.querySelector('.graph-svg > g')!;
    const scale = () => Number(/scale\(([\d.]+)\)/.exec(viewport.getAttribute('transform') ?? '')?.[1]);
    const fitted = scale();
    await userEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    await expect.poll(scale).toBeCloseTo(fitted * 1.3, 3);
    await userEvent.click(screen.getByRole('button', { name: 'Fit to screen' }));
    await expect.poll(scale).toBeCloseTo(fitted, 3);
  });
});
