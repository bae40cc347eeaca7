/** Helpers for the analysis views' component tests: open a view, read a grid's rows. */
import { screen, within } from '@testing-library/react';
import { renderTracePage } from '../../testing/renderTracePage';

/** Opens the trace page on a view and waits until the view says it has rendered its content. */
export async function openView(traceId: string, view: string, query = '') {
  const page = renderTracePage(`/trace/${traceId}?view=${view}${query}`);
  await waitForReady();
  return page;
}

export async function waitForReady(): Promise<HTMLElement> {
  return screen.findByText(
    (_content, element) => element?.getAttribute('data-view-ready') === 'true',
    {},
    { timeout: 10_000 },
  );
}

/** The grid (or treegrid) with this accessible name. */
export function grid(name: string): HTMLElement {
  return screen.queryByRole('grid', { name }) ?? screen.getByRole('treegrid', { name });
}

/** Body rows of a grid (header and footer excluded). */
export function gridRows(name: string): HTMLElement[] {
  return within(grid(name))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-position'));
}

/** The text of each cell of a row. */
export function cells(row: HTMLElement): string[] {
  return Array.from(
    row.querySelectorAll('[role="gridcell"], [role="rowheader"]'),
    (c) => c.textContent ?? '',
  );
}

/** Column `label`'s cells, top to bottom. */
export function column(name: string, label: string): string[] {
  const headers = within(grid(name)).getAllByRole('columnheader');
  const at = headers.findIndex((h) => h.textContent?.replace(/[▲▼]/g, '').trim() === label);
  if (at < 0) throw new Error(`no column ${label}`);
  return gridRows(name).map((row) => cells(row)[at]);
}
