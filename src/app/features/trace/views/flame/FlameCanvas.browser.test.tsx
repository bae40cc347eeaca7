/**
 * The flame graph's canvas in a real Chromium: painting, hit-testing under the pointer, the
 * keyboard, the theme, and the cost of painting a million spans.
 */
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { flameLayout } from '../../../../../core/analysis/flameLayout';
import { selfTimes } from '../../../../../core/analysis/selfTime';
import { buildTrace } from '../../../../../core/testing/traceBuilder';
import { buildTraceIndex } from '../../../../../core/tree/traceIndex';
import { installServicePalette } from '../../../../theme/servicePalette';
import type { FlameGraphData } from '../../../../workers/analyses/flameAnalysis';
import { buildSkeleton } from '../../../../workers/buildSkeleton';
import '../../../../theme/tokens.css';
import '../../../../theme/base.css';
import { drawFlame, ROW_HEIGHT, type FlameColumns } from './drawFlame';
import { FlameCanvas, type FlameViewport } from './FlameCanvas';
import './flame.css';
import { freezeBound } from '../../../../testing/freezeBound';

//  0          50         100
//  GET /checkout (api)      [0, 100]
//   ├ auth (api)            [0, 40]
//   ├ charge (payment)      [30, 90]   overlaps auth: moved to level 2
//   │  └ ledger (payment)   [40, 60]   level 3
//   └ notify (api)          [92, 99]   level 1 again
const trace = buildTrace([
  { id: 'root', at: [0, 100], name: 'GET /checkout', service: 'api' },
  { id: 'auth', parent: 'root', at: [0, 40], name: 'auth', service: 'api' },
  { id: 'charge', parent: 'root', at: [30, 90], name: 'charge', service: 'payment', error: true },
  { id: 'ledger', parent: 'charge', at: [40, 60], name: 'ledger', service: 'payment' },
  { id: 'notify', parent: 'root', at: [92, 99], name: 'notify', service: 'api' },
]);
const index = buildTraceIndex(trace);
const skeleton = buildSkeleton(index, {
  critical: [],
  problems: { items: [] },
  warnings: [],
  spans: index.spans,
});
const data: FlameGraphData = { ...flameLayout(index), selfUs: selfTimes(index) };
const rowOf = (name: string) => index.spans.findIndex((s) => s.name === name);
// Narrow enough for the test runner's frame.
const WIDTH = 300;
const whole: FlameViewport = { t0: 0, t1: 100, focus: -1, topLevel: 0 };

async function renderCanvas(viewport = whole, selected: number | null = null) {
  installServicePalette(document);
  const handlers = { onPick: vi.fn(), onMove: vi.fn(), onZoom: vi.fn(), onZoomOut: vi.fn(), onOpen: vi.fn() };
  const screen = await render(
    <div style={{ width: WIDTH, height: 300, display: 'flex', flexDirection: 'column' }}>
      <FlameCanvas
        skeleton={skeleton}
        data={data}
        viewport={viewport}
        selected={selected}
        search={null}
        onPainted={() => undefined}
        describedBy="status"
        {...handlers}
      />
    </div>,
  );
  return { screen, ...handlers };
}

describe('FlameCanvas', () => {
  it('lays parallel siblings on separate levels and paints every span', async () => {
    expect(Array.from(data.level)).toEqual([0, 1, 2, 3, 1]);
    await renderCanvas();
    const canvas = document.querySelector<HTMLCanvasElement>('.flame__canvas')!;
    await expect.poll(() => canvas.dataset.rects).toBe('5');
    expect(canvas.width).toBe(Math.round(WIDTH * devicePixelRatio));
    // The root's bar is in the api service's colour, at the top-left.
    const pixel = canvas
      .getContext('2d')!
      .getImageData(2 * devicePixelRatio, 5 * devicePixelRatio, 1, 1).data;
    const apiColor = getComputedStyle(document.documentElement).getPropertyValue('--service-color-0').trim();
    expect(rgbHex(pixel)).toBe(apiColor.toLowerCase());
  });

  it('shows what is under the pointer, and picks and opens it', async () => {
    const { onPick, onOpen } = await renderCanvas();
    await userEvent.hover(document.querySelector('.flame__scroll')!, {
      position: { x: (50 / 100) * WIDTH, y: 2 * ROW_HEIGHT + 8 },
    });
    await expect.poll(() => document.querySelector('[role="tooltip"]')).not.toBeNull();
    const tooltip = document.querySelector('[role="tooltip"]');
    expect(tooltip?.textContent).toContain('charge');
    expect(tooltip?.textContent).toContain('payment');
    expect(tooltip?.textContent).toContain('Error status');
    expect(tooltip?.textContent).toContain('Drawn lower');
    await userEvent.click(document.querySelector('.flame__scroll')!, {
      position: { x: (50 / 100) * WIDTH, y: 2 * ROW_HEIGHT + 8 },
    });
    expect(onPick).toHaveBeenCalledWith(rowOf('charge'));
    await userEvent.dblClick(document.querySelector('.flame__scroll')!, {
      position: { x: (95 / 100) * WIDTH, y: ROW_HEIGHT + 8 },
    });
    expect(onOpen).toHaveBeenCalledWith(rowOf('notify'));
  });

  it('moves between parent, child and siblings from the keyboard', async () => {
    const { onMove, onZoom, onOpen, onZoomOut } = await renderCanvas(
      { t0: 30, t1: 90, focus: rowOf('charge'), topLevel: 2 },
      rowOf('charge'),
    );
    document.querySelector<HTMLElement>('.flame__scroll')!.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(onMove).toHaveBeenLastCalledWith(rowOf('ledger'));
    await userEvent.keyboard('{ArrowUp}');
    expect(onMove).toHaveBeenLastCalledWith(rowOf('GET /checkout'));
    await userEvent.keyboard('{ArrowRight}');
    expect(onMove).toHaveBeenLastCalledWith(rowOf('notify'));
    await userEvent.keyboard('{ArrowLeft}');
    expect(onMove).toHaveBeenLastCalledWith(rowOf('auth'));
    await userEvent.keyboard(' ');
    expect(onZoom).toHaveBeenCalledWith(rowOf('charge'));
    await userEvent.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(rowOf('charge'));
    await userEvent.keyboard('{Escape}');
    expect(onZoomOut).toHaveBeenCalled();
  });

  it('repaints in the dark theme’s colours', async () => {
    await renderCanvas();
    const canvas = document.querySelector<HTMLCanvasElement>('.flame__canvas')!;
    await expect.poll(() => canvas.dataset.rects).toBe('5');
    document.documentElement.dataset.theme = 'dark';
    try {
      await expect.poll(() => canvas.dataset.theme).toBe('dark');
      // Below the last level: the dark raised surface.
      const pixel = canvas.getContext('2d')!.getImageData(5, 250 * devicePixelRatio, 1, 1).data;
      const raised = getComputedStyle(document.documentElement).getPropertyValue('--color-raised').trim();
      expect(rgbHex(pixel)).toBe(raised.toLowerCase());
    } finally {
      document.documentElement.dataset.theme = 'light';
    }
  });
});

describe('drawFlame', () => {
  it('paints a million spans in a bounded number of rectangles', () => {
    const cols = millionSpans();
    const layout = flameLayout(cols);
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 600;
    const ctx = canvas.getContext('2d')!;
    const palette = {
      service: ['#2675d1', '#b45c03', '#00873c'],
      background: '#fff',
      onService: '#fff',
      selection: '#000',
      hover: '#2a5bd7',
      font: '11px sans-serif',
    };
    const frame = {
      width: 1200,
      height: 600,
      t0: 0,
      t1: cols.durationUs[0],
      topLevel: 0,
      scrollTop: 0,
      focus: -1,
      selected: 5,
      hovered: -1,
      isMatch: null,
      matchRows: null,
    };
    drawFlame(ctx, cols, layout, frame, palette); // warm-up
    const started = performance.now();
    const rects = drawFlame(ctx, cols, layout, frame, palette);
    const ms = performance.now() - started;
    console.info(`1M spans: ${rects} rectangles painted in ${ms.toFixed(1)} ms`);
    expect(rects).toBeLessThan(1200 * layout.levelCount);
    expect(ms).toBeLessThan(freezeBound(500));
  });
});

/** A root, 1,000 batches and 999 sequential queries under each: 1,000,000 spans in display order. */
function millionSpans(): FlameColumns {
  const batches = 1000;
  const perBatch = 999;
  const n = 1 + batches * (1 + perBatch);
  const parent = new Int32Array(n);
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const service = new Int32Array(n);
  const operation = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  parent[0] = -1;
  durationUs[0] = batches * perBatch * 10;
  subtreeEnd[0] = n;
  let row = 1;
  for (let b = 0; b < batches; b++) {
    const batch = row++;
    parent[batch] = 0;
    startUs[batch] = b * perBatch * 10;
    durationUs[batch] = perBatch * 10;
    service[batch] = 1;
    operation[batch] = 1;
    subtreeEnd[batch] = batch + 1 + perBatch;
    for (let q = 0; q < perBatch; q++, row++) {
      parent[row] = batch;
      startUs[row] = startUs[batch] + q * 10;
      durationUs[row] = 8;
      service[row] = 2;
      operation[row] = 2;
      subtreeEnd[row] = row + 1;
    }
  }
  return {
    parent,
    startUs,
    durationUs,
    service,
    operation,
    operations: ['job', 'batch', 'SELECT'],
    subtreeEnd,
  };
}

function rgbHex(pixel: Uint8ClampedArray): string {
  return `#${[pixel[0], pixel[1], pixel[2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
