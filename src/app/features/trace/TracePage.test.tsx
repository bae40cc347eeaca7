import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_START_US, DISPATCH_TRACE_ID, dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import { GENERATED_TRACE_ID, generatedTrace } from '../../../../mocks/data/generatedTrace';
import { createHandlers } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { formatStartTimePrecise } from '../../format/time';
import { stubClientSize } from '../../testing/layout';
import { renderTracePage as renderApp } from './testing/renderTracePage';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
});
afterEach(() => restoreLayout());

/** The value next to a label in the header's description list. */
function fact(label: string): string | null {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? null;
}

function spanRows() {
  return within(screen.getByRole('treegrid', { name: 'Spans' }))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-row'));
}

describe('Trace page', () => {
  it('shows the trace name, ID and summary figures', async () => {
    renderApp(`/trace/${DISPATCH_TRACE_ID}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'frontend: HTTP GET /dispatch' }),
    ).toBeInTheDocument();
    expect(screen.getByText(DISPATCH_TRACE_ID, { selector: 'code' })).toBeInTheDocument();
    expect(fact('Start')).toBe(formatStartTimePrecise(DISPATCH_START_US));
    expect(fact('Duration')).toBe('512 ms');
    expect(fact('Services')).toBe('3');
    expect(fact('Depth')).toBe('4');
    expect(fact('Total spans')).toBe('8');
    expect(fact('Errors')).toBe('1');
    expect(document.title).toBe('frontend: HTTP GET /dispatch (4bf92f3) — Tracelens');
  });

  it('copies the trace ID', async () => {
    const { user } = renderApp(`/trace/${DISPATCH_TRACE_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Copy trace ID' }));
    expect(await navigator.clipboard.readText()).toBe(DISPATCH_TRACE_ID);
    expect(screen.getByText('Copied')).toBeInTheDocument();
  });

  it('draws one waterfall row per span, in tree order, with depth and errors', async () => {
    renderApp(`/trace/${DISPATCH_TRACE_ID}`);
    await screen.findByRole('treegrid', { name: 'Spans' });
    const rows = spanRows();
    expect(
      rows.map((r) => [r.getAttribute('aria-level'), r.querySelector('.wf-row__operation')?.textContent]),
    ).toEqual([
      ['1', 'HTTP GET /dispatch'],
      ['2', 'HTTP GET /customer'],
      ['3', 'HTTP GET /customer'],
      ['4', 'SQL SELECT'],
      ['2', 'driver.DriverService/FindNearest'],
      ['3', 'driver.DriverService/FindNearest'],
      ['4', 'FindDriverIDs'],
      ['4', 'GetDriver'],
    ]);
    expect(rows[0]).toHaveTextContent('frontend');
    expect(
      within(rows[0]).getByRole('gridcell', { name: 'starts at 0 µs, lasts 512 ms' }),
    ).toBeInTheDocument();
    expect(rows[3]).toHaveTextContent('customer');
    expect(rows[7]).toHaveTextContent('GetDriver, error');
    expect(rows[6]).not.toHaveTextContent('error');

    // The bar, drawn on the timeline canvas, is described in its cell: FindDriverIDs starts at 295.2 ms.
    expect(within(rows[6]).getByRole('gridcell', { name: /^starts at 295 ms, lasts / })).toBeInTheDocument();
    expect(document.querySelector('.wf-timeline-canvas')).toHaveAttribute('data-rows', '8');
    expect(screen.getByRole('columnheader', { name: 'Timeline, 0 to 512 ms' })).toHaveTextContent(
      '0 ms100 ms200 ms300 ms400 ms500 ms',
    );
  });

  it('moves between rows with the keyboard', async () => {
    const { user } = renderApp(`/trace/${DISPATCH_TRACE_ID}`);
    await screen.findByRole('treegrid', { name: 'Spans' });
    const rows = () => spanRows();
    rows()[0].focus();
    await user.keyboard('{ArrowDown}');
    expect(rows()[1]).toHaveFocus();
    await user.keyboard('{End}');
    expect(rows()[7]).toHaveFocus();
    expect(rows()[7]).toHaveAttribute('tabindex', '0');
    expect(rows()[0]).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{Home}');
    expect(rows()[0]).toHaveFocus();
  });

  it('renders only the rows on screen for a large trace', async () => {
    server.use(...createHandlers([dispatchTrace, generatedTrace(20_000)]));
    renderApp(`/trace/${GENERATED_TRACE_ID}`);
    expect(await screen.findByRole('treegrid', { name: 'Spans' }, { timeout: 15_000 })).toHaveAttribute(
      'aria-rowcount',
      '20001',
    );
    expect(fact('Total spans')).toBe((20_000).toLocaleString());
    const rendered = spanRows();
    // 600 px / 24 px = 25 visible rows, plus overscan.
    expect(rendered.length).toBeGreaterThan(20);
    expect(rendered.length).toBeLessThan(60);
  });

  it('shows download progress in bytes, then the trace', async () => {
    const body = new TextEncoder().encode(
      JSON.stringify({ data: [dispatchTrace], total: 1, limit: 0, offset: 0, errors: null }),
    );
    const half = Math.floor(body.length / 2);
    let release: () => void = () => {};
    const secondHalf = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get('*/api/traces/:id', () => {
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(body.slice(0, half));
            await secondHalf;
            controller.enqueue(body.slice(half));
            controller.close();
          },
        });
        return new HttpResponse(stream, { headers: { 'Content-Length': String(body.length) } });
      }),
    );
    renderApp(`/trace/${DISPATCH_TRACE_ID}`);
    const bar = await screen.findByRole('progressbar', { name: /^Downloading .* of .*…$/ });
    await waitFor(() =>
      expect(bar).toHaveAttribute('aria-valuenow', String(Math.round((half / body.length) * 100))),
    );
    expect(screen.getByText('Download').closest('li')).toHaveAttribute('aria-current', 'step');
    release();
    expect(await screen.findByRole('treegrid', { name: 'Spans' })).toBeInTheDocument();
  });

  it('explains a trace that is not in the store', async () => {
    renderApp('/trace/deadbeef');
    const message = await screen.findByText(/was not found/);
    expect(message).toHaveTextContent(
      'Trace deadbeef was not found. It may have been evicted from the store or never sent.',
    );
    expect(screen.getByRole('link', { name: 'Search for traces' })).toBeInTheDocument();
  });
});
