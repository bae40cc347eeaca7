/** Helpers shared by the trace page's component tests. */
import { screen, within } from '@testing-library/react';

export function waterfall(): HTMLElement {
  return screen.getByRole('treegrid', { name: 'Spans' });
}

/** Span rows on screen (header and "hidden" rows excluded). */
export function spanRows(): HTMLElement[] {
  return within(waterfall())
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-row'));
}

/** The canvas the rows' timeline column is drawn on; its data attributes say what it drew. */
export function timelineCanvas(): HTMLCanvasElement {
  const canvas = waterfall().querySelector<HTMLCanvasElement>('canvas.wf-timeline-canvas');
  if (!canvas) throw new Error('no timeline canvas in the waterfall');
  return canvas;
}

export function operations(): string[] {
  return spanRows().map((r) => r.querySelector('.wf-row__operation')?.textContent ?? '');
}

export function rowOf(operation: string): HTMLElement {
  const row = spanRows().find((r) => r.querySelector('.wf-row__operation')?.textContent === operation);
  if (!row) throw new Error(`no row for ${operation}; rows: ${operations().join(', ')}`);
  return row;
}

export async function findWaterfall(): Promise<HTMLElement> {
  return screen.findByRole('treegrid', { name: 'Spans' }, { timeout: 10_000 });
}

export function detailsPanel(): HTMLElement {
  return screen.getByRole('complementary', { name: 'Span details' });
}
