import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { dispatchTrace } from '../../../../../mocks/data/dispatchTrace';
import { generatedTrace } from '../../../../../mocks/data/generatedTrace';
import { installServicePalette } from '../../../theme/servicePalette';
import { openTrace, type TraceHandle } from '../../../workers/traceClient';
import '../../../theme/tokens.css';
import '../../../theme/base.css';
import { TraceViewHarness } from '../testing/TraceViewHarness';
import { drawMinimap } from './drawMinimap';

let small: TraceHandle;
let large: TraceHandle;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

beforeAll(async () => {
  installServicePalette(document);
  document.documentElement.dataset.theme = 'light';
  small = await openTrace(encode({ data: [dispatchTrace] }), 'dispatch');
  large = await openTrace(encode({ data: [generatedTrace(100_000)] }), 'generated');
}, 60_000);
afterAll(() => {
  small?.dispose();
  large?.dispose();
  document.documentElement.dataset.theme = 'light';
});

const canvasOf = (root: Element) => root.querySelector<HTMLCanvasElement>('canvas.minimap__canvas')!;
/** The colour at a point of the canvas, in CSS pixels from its top left. */
function pixel(canvas: HTMLCanvasElement, x: number, y: number): string {
  const dpr = window.devicePixelRatio || 1;
  const data = canvas.getContext('2d')!.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
  return `rgb(${data[0]}, ${data[1]}, ${data[2]})`;
}

describe('the minimap canvas, in Chromium', () => {
  it('draws every span in its service colour at device resolution, and repaints on theme change', async () => {
    const screen = await render(<TraceViewHarness handle={small} />);
    const canvas = canvasOf(screen.container);
    await expect.poll(() => Number(canvas.dataset.rects)).toBeGreaterThan(0);
    const rect = canvas.getBoundingClientRect();
    expect(canvas.width).toBe(Math.round(rect.width * (window.devicePixelRatio || 1)));
    expect(canvas.height).toBe(Math.round(rect.height * (window.devicePixelRatio || 1)));
    // The root span (first row) spans the whole width, in the first service's colour.
    const rootLight = pixel(canvas, rect.width / 2, rect.height / 16);
    const background = pixel(canvas, rect.width - 2, rect.height - 2);
    expect(rootLight).not.toBe(background);

    document.documentElement.dataset.theme = 'dark';
    await expect.poll(() => canvas.dataset.theme).toBe('dark');
    expect(pixel(canvas, rect.width / 2, rect.height / 16)).not.toBe(rootLight);
    expect(pixel(canvas, rect.width - 2, rect.height - 2)).not.toBe(background);
    document.documentElement.dataset.theme = 'light';
  });

  it('zooms the waterfall to a range dragged across it, and resets', async () => {
    const screen = await render(<TraceViewHarness handle={small} />);
    const layer = screen.container.querySelector<HTMLElement>('.minimap__layer')!;
    const box = layer.getBoundingClientRect();
    const at = (fraction: number) => box.left + box.width * fraction;
    const y = box.top + box.height / 2;
    const fire = (type: string, x: number) =>
      layer.dispatchEvent(
        new PointerEvent(type, { clientX: x, clientY: y, button: 0, pointerId: 7, bubbles: true }),
      );
    fire('pointerdown', at(0.25));
    fire('pointermove', at(0.5));
    fire('pointermove', at(0.75));
    fire('pointerup', at(0.75));
    const ruler = screen.getByRole('columnheader', { name: /^Timeline/ });
    await expect.element(ruler).toHaveAccessibleName('Timeline, 128 ms to 384 ms');
    const start = screen.getByRole('slider', { name: 'Start of the zoomed time range' });
    await expect.element(start).toHaveAttribute('aria-valuenow', '25');
    (start.element() as HTMLElement).focus();
    await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    await expect.element(start).toHaveAttribute('aria-valuenow', '15');
    await screen.getByRole('button', { name: 'Reset zoom' }).click();
    await expect.element(ruler).toHaveAccessibleName('Timeline, 0 to 512 ms');
  });

  it('shows where the waterfall is scrolled to in a 100k-span trace', async () => {
    const screen = await render(<TraceViewHarness handle={large} />);
    const viewport = () => screen.container.querySelector<HTMLElement>('.minimap__viewport');
    await expect.poll(() => viewport()?.style.top).toBe('0%');
    const scroller = screen.container.querySelector<HTMLElement>('.waterfall__scroll')!;
    scroller.scrollTop = scroller.scrollHeight / 2;
    await expect.poll(() => parseFloat(viewport()?.style.top ?? '0')).toBeGreaterThan(45);
    expect(parseFloat(viewport()!.style.top)).toBeLessThan(55);
  });

  it('paints 100k spans in a few milliseconds by merging them per pixel row', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 128;
    const ctx = canvas.getContext('2d')!;
    const groups = large.skeleton.rowsByService;
    const colors = large.skeleton.services.map(() => '#2675d1');
    const paint = { width: 1600, height: 128, serviceColors: colors, background: '#fff' };
    drawMinimap(ctx, large.skeleton, groups, paint);
    const t0 = performance.now();
    const rects = drawMinimap(ctx, large.skeleton, groups, paint);
    const ms = performance.now() - t0;
    console.info(`minimap: 100k spans drawn as ${rects} rectangles in ${ms.toFixed(1)} ms`);
    expect(rects).toBeLessThan(20_000);
    expect(ms).toBeLessThan(100);
  });
});
