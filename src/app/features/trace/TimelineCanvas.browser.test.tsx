import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../theme/tokens.css';
import '../../theme/base.css';
import './trace.css';
import { dispatchTraceForCanvasTests, expectDeviceResolution } from './testing/canvasTestTrace';
import { TraceViewHarness } from './testing/TraceViewHarness';
import { BAR_HEIGHT, BAR_TOP } from './timelineDrawing';

const trace = dispatchTraceForCanvasTests();

const ROW = 24;
const canvasOf = (root: Element) => root.querySelector<HTMLCanvasElement>('canvas.wf-timeline-canvas')!;
/** RGBA at a point of the canvas, in CSS pixels from its top left. */
function pixel(canvas: HTMLCanvasElement, x: number, y: number): number[] {
  const dpr = window.devicePixelRatio || 1;
  return [...canvas.getContext('2d')!.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data];
}
/** One row's band of the canvas, to tell whether a repaint changed it. */
function band(canvas: HTMLCanvasElement, row: number): string {
  const dpr = window.devicePixelRatio || 1;
  const data = canvas.getContext('2d')!.getImageData(0, row * ROW * dpr, canvas.width, ROW * dpr).data;
  return data.join(',');
}
const rowElements = (root: Element) => [...root.querySelectorAll<HTMLElement>('[role="row"][data-row]')];

describe('the timeline canvas, in Chromium', () => {
  it('draws each row’s bar over its timeline cell, at device resolution, and lets the pointer through', async () => {
    const screen = await render(<TraceViewHarness handle={trace()} />);
    const canvas = canvasOf(screen.container);
    await expect.poll(() => canvas.dataset.rows).toBe('8');
    expectDeviceResolution(canvas);
    const rect = canvas.getBoundingClientRect();
    // The canvas lies exactly over the rows' timeline cells.
    const cell = rowElements(screen.container)[0].querySelector('.wf-row__timeline')!.getBoundingClientRect();
    expect(Math.abs(rect.left - cell.left)).toBeLessThan(1);
    expect(Math.abs(rect.width - cell.width)).toBeLessThan(1);

    // The root lasts the whole trace: its bar is opaque from edge to edge (the label sits at its start).
    const barMiddle = BAR_TOP + BAR_HEIGHT / 2;
    expect(pixel(canvas, rect.width * 0.6, barMiddle)[3]).toBe(255);
    expect(pixel(canvas, rect.width - 2, barMiddle)[3]).toBe(255);
    // Under the bar, between rows, nothing is drawn.
    expect(pixel(canvas, rect.width * 0.6, BAR_TOP - 3)[3]).toBe(0);
    // FindDriverIDs (row 6) starts at 295 ms of 512 ms: nothing before it, its bar just after.
    const start = (295_200 / 512_400) * rect.width;
    expect(pixel(canvas, start - 40, 6 * ROW + barMiddle)[3]).toBe(0);
    expect(pixel(canvas, start + 1, 6 * ROW + barMiddle)[3]).toBe(255);

    // A click on a bar lands on the row beneath the canvas.
    const target = document.elementFromPoint(rect.left + start + 1, rect.top + 6 * ROW + barMiddle);
    expect(target?.closest('[role="row"]')).toBe(rowElements(screen.container)[6]);
  });

  it('repaints when the theme changes and when the minimap zooms the time range', async () => {
    const screen = await render(<TraceViewHarness handle={trace()} />);
    const canvas = canvasOf(screen.container);
    await expect.poll(() => canvas.dataset.rows).toBe('8');
    await expect.poll(() => canvas.dataset.theme).toBe('light');
    const width = canvas.getBoundingClientRect().width;
    const rootLight = pixel(canvas, width * 0.6, BAR_TOP + BAR_HEIGHT / 2);

    document.documentElement.dataset.theme = 'dark';
    await expect.poll(() => canvas.dataset.theme).toBe('dark');
    expect(pixel(canvas, width * 0.6, BAR_TOP + BAR_HEIGHT / 2)).not.toEqual(rootLight);
    document.documentElement.dataset.theme = 'light';
    await expect.poll(() => canvas.dataset.theme).toBe('light');

    const findDriverIds = band(canvas, 6);
    const start = screen.getByRole('slider', { name: 'Start of the zoomed time range' });
    (start.element() as HTMLElement).focus();
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}');
    await expect.element(start).toHaveAttribute('aria-valuenow', '30');
    await expect.poll(() => band(canvas, 6)).not.toBe(findDriverIds);
  });
});
