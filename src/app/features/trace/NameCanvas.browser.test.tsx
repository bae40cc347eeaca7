import { afterAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { serviceSlotOf } from '../../theme/servicePalette';
import '../../theme/tokens.css';
import '../../theme/base.css';
import './trace.css';
import './waterfall.css';
import { SWATCH_SIZE, TOGGLE_SIZE, toggleLeft, GAP, SWATCH_SPACE, NAME_BORDER } from './nameDrawing';
import { dispatchTraceForCanvasTests, expectDeviceResolution } from './testing/canvasTestTrace';
import { TraceViewHarness } from './testing/TraceViewHarness';
import { useTraceLayout } from './traceLayoutPrefs';

const trace = dispatchTraceForCanvasTests();
afterAll(() => useTraceLayout.getState().setNameColumn(0.3));

const ROW = 24;
const canvasOf = (root: Element) => root.querySelector<HTMLCanvasElement>('canvas.wf-name-canvas')!;
const rowElements = (root: Element) => [...root.querySelectorAll<HTMLElement>('[role="row"][data-row]')];
/** RGBA of a rectangle of the canvas, in CSS pixels from its top left. */
function pixels(canvas: HTMLCanvasElement, x: number, y: number, width: number, height: number) {
  const dpr = window.devicePixelRatio || 1;
  const data = canvas
    .getContext('2d')!
    .getImageData(
      Math.round(x * dpr),
      Math.round(y * dpr),
      Math.round(width * dpr),
      Math.round(height * dpr),
    ).data;
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += 4) out.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
  return out;
}
const inked = (px: number[][]) => px.filter((p) => p[3] > 128).length;
function rgb(color: string): number[] {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3);
}
const token = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
/** The opaque pixel colour closest to `target`, as a distance (0 = exact). */
function closest(px: number[][], target: number[]): number {
  let best = Infinity;
  for (const p of px)
    if (p[3] === 255) best = Math.min(best, Math.hypot(p[0] - target[0], p[1] - target[1], p[2] - target[2]));
  return best;
}

describe('the name canvas, in Chromium', () => {
  it('draws every row’s chevron, swatch and names over its name cell, at device resolution', async () => {
    const screen = await render(<TraceViewHarness handle={trace()} />);
    const canvas = canvasOf(screen.container);
    await expect.poll(() => canvas.dataset.rows).toBe('8');
    expectDeviceResolution(canvas);
    const rect = canvas.getBoundingClientRect();
    const rows = rowElements(screen.container);
    const cell = rows[0].querySelector('.wf-row__name')!.getBoundingClientRect();
    expect(Math.abs(rect.left - cell.left)).toBeLessThan(1);
    expect(Math.abs(rect.width - cell.width)).toBeLessThan(1);

    // The row's left edge stays clear for what the row draws beneath: the focus ring and the
    // selection and current-match bars.
    expect(inked(pixels(canvas, 0, 0, 3, rows.length * ROW))).toBe(0);

    const { skeleton } = trace();
    for (let i = 0; i < rows.length; i++) {
      const row = Number(rows[i].dataset.row);
      const depth = skeleton.depth[row];
      const swatchX = toggleLeft(depth) + TOGGLE_SIZE + GAP;
      // The swatch is the service's palette colour, whole.
      const slot = serviceSlotOf(skeleton.services[skeleton.service[row]]);
      const swatch = pixels(canvas, swatchX + 2, i * ROW + ROW / 2 - 2, SWATCH_SIZE - 4, 4);
      expect(closest(swatch, rgb(token(`--service-color-${slot}`)))).toBeLessThan(2);
      // Names after it: ink in the first 60 px of text, none in the gap under the row's middle band.
      expect(inked(pixels(canvas, swatchX + SWATCH_SPACE, i * ROW + 4, 60, 16))).toBeGreaterThan(20);
      const clear = Math.min(200, rect.width - NAME_BORDER - swatchX);
      expect(inked(pixels(canvas, swatchX, i * ROW, clear, 2))).toBe(0);
      // A parent's chevron is drawn where its (transparent) toggle button takes the click.
      const chevron = inked(pixels(canvas, toggleLeft(depth), i * ROW + 4, TOGGLE_SIZE, 16));
      const button = rows[i].querySelector<HTMLButtonElement>('.wf-toggle')!;
      if (skeleton.childCount[row] > 0) {
        expect(chevron).toBeGreaterThan(0);
        const box = button.getBoundingClientRect();
        expect(Math.abs(box.left - (rect.left + toggleLeft(depth)))).toBeLessThan(1);
        expect(document.elementFromPoint(box.left + 8, box.top + 8)).toBe(button);
      } else {
        expect(chevron).toBe(0);
        expect(button.hidden).toBe(true);
      }
    }
  });

  it('writes the erroring operation in the danger colour, and its name stays in the row for assistive technology', async () => {
    const screen = await render(<TraceViewHarness handle={trace()} />);
    const canvas = canvasOf(screen.container);
    await expect.poll(() => canvas.dataset.rows).toBe('8');
    const rows = rowElements(screen.container);
    const { skeleton } = trace();
    const errorIndex = rows.findIndex((r) => skeleton.error[Number(r.dataset.row)] === 1);
    expect(errorIndex).toBeGreaterThanOrEqual(0);
    const errorRow = rows[errorIndex];
    const row = Number(errorRow.dataset.row);
    const operation = skeleton.operations[skeleton.operation[row]];
    const band = pixels(canvas, 0, errorIndex * ROW, canvas.getBoundingClientRect().width, ROW);
    expect(closest(band, rgb(token('--color-danger')))).toBeLessThan(40);
    const cell = screen.getByRole('gridcell', { name: new RegExp(`${operation}.*, error`) });
    await expect.element(cell).toBeInTheDocument();
  });

  it('cuts names short with an ellipsis when the column narrows, and repaints on theme change', async () => {
    const screen = await render(
      <div style={{ width: 1200 }}>
        <TraceViewHarness handle={trace()} />
      </div>,
    );
    const canvas = canvasOf(screen.container);
    await expect.poll(() => canvas.dataset.rows).toBe('8');
    useTraceLayout.getState().setNameColumn(0.7);
    await expect.poll(() => canvas.getBoundingClientRect().width).toBeGreaterThan(500);
    await expect.poll(() => canvas.dataset.truncated).toBe('0');
    const before = pixels(canvas, 0, 0, 200, ROW);

    document.documentElement.dataset.theme = 'dark';
    await expect.poll(() => canvas.dataset.theme).toBe('dark');
    expect(pixels(canvas, 0, 0, 200, ROW)).not.toEqual(before);
    document.documentElement.dataset.theme = 'light';
    await expect.poll(() => canvas.dataset.theme).toBe('light');

    useTraceLayout.getState().setNameColumn(0.12);
    await expect.poll(() => Number(canvas.dataset.truncated)).toBeGreaterThan(0);
    // The column's right border is drawn beside every row, and no name is painted over it.
    const { width } = canvas.getBoundingClientRect();
    const border = pixels(canvas, width - NAME_BORDER, 0, NAME_BORDER, 8 * ROW);
    const borderRgb = rgb(token('--color-border'));
    expect(
      border.filter(
        (p) => p[3] === 255 && Math.hypot(p[0] - borderRgb[0], p[1] - borderRgb[1], p[2] - borderRgb[2]) < 2,
      ),
    ).toHaveLength(border.length);
    useTraceLayout.getState().setNameColumn(0.7);
    await expect.poll(() => canvas.dataset.truncated).toBe('0');
    useTraceLayout.getState().setNameColumn(0.3);
  });
});
