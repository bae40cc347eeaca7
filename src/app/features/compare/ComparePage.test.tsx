import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests } from '../../../../mocks/recordRequests';
import { tracesFromJaegerResponse } from '../../../core/jaeger/fromJaegerJson';
import { useUploadedTracesStore } from '../../stores/uploadedTraces';
import { stubClientSize } from '../../testing/layout';
import { renderApp } from '../../testing/renderApp';
import { checkoutA, checkoutB, spanIdOf, TRACE_A, TRACE_B } from './testing/compareTraces';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  server.use(...createHandlers([checkoutA, checkoutB]));
  restoreLayout = stubClientSize(1400, 800);
});
afterEach(() => {
  restoreLayout();
  useUploadedTracesStore.getState().clear();
});

const comparePath = (a = TRACE_A, b = TRACE_B, query = '') => `/trace/${a}...${b}${query}`;
const table = () => screen.getByRole('grid', { name: /aligned by call path/ });

/** The body rows of the table as `label | change | spans A | spans B | Δ total`. */
function tableRows(): string[] {
  return within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('gridcell');
      const label = cells[0].querySelector('.diff-row__label')?.textContent ?? '';
      return [
        label,
        cells[1].textContent,
        cells[2].textContent,
        cells[3].textContent,
        cells[6].textContent,
      ].join(' | ');
    });
}

async function openComparison(path = comparePath()) {
  const app = renderApp(path);
  await screen.findByRole('grid', { name: /aligned by call path/ }, { timeout: 4000 });
  return app;
}

describe('Compare page', () => {
  it('shows both traces, the end-to-end change and the operation that explains it', async () => {
    await openComparison();
    expect(screen.getByRole('heading', { level: 1, name: 'Compare traces' })).toBeInTheDocument();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(summary).toHaveTextContent('Trace A: shop: POST /checkout');
    expect(summary).toHaveTextContent('Trace B: shop: POST /checkout');
    expect(summary).toHaveTextContent('Duration200 ms');
    expect(summary).toHaveTextContent('Duration330 ms');
    expect(summary).toHaveTextContent('End to end +130 ms (+65%) B is slower than A');
    expect(summary).toHaveTextContent('4 operations in both · 1 only in A · 1 only in B');
    const contributors = within(summary).getAllByRole('listitem');
    expect(contributors.map((c) => c.textContent)).toEqual(['db: UPDATE stock+120 ms']);
    expect(document.title).toBe('Compare 1111111 … 2222222 — Tracelens');
  });

  it('lists every aligned operation in tree order, with counts, changes and the top contributor marked', async () => {
    await openComparison();
    expect(tableRows()).toEqual([
      'shopPOST /checkout | slower | 1 | 1 | +130 ms',
      'cacheGET | removed | 1 | 0 | −10 ms',
      'inventoryreserve | slower | 1 | 1 | +120 ms',
      'dbUPDATE stock | slower | 1 | 1 | +120 ms',
      'paymentscharge | same | 1 | 3 | 0 µs',
      'fraudscore | added | 0 | 1 | +10 ms',
    ]);
    const db = within(table()).getAllByRole('row')[4];
    expect(db).toHaveTextContent('top contributor 1');
    expect(within(db).getAllByRole('gridcell')[11]).toHaveTextContent('+120 ms');
  });

  it('sorts by a column, largest first, and keeps the sort in the URL', async () => {
    const { user, router } = await openComparison();
    await user.click(screen.getByRole('button', { name: 'Δ Total' }));
    expect(screen.getByRole('columnheader', { name: /Δ Total/ })).toHaveAttribute('aria-sort', 'descending');
    // Out of tree order, each row names its caller.
    expect(tableRows().map((r) => r.split(' | ')[0])).toEqual([
      'shopPOST /checkout',
      'inventoryreservein POST /checkout',
      'dbUPDATE stockin reserve',
      'fraudscorein POST /checkout',
      'paymentschargein POST /checkout',
      'cacheGETin POST /checkout',
    ]);
    expect(router.state.location.search).toContain('sort=-totalDelta');
    await user.click(screen.getByRole('button', { name: 'Δ Total' }));
    expect(screen.getByRole('columnheader', { name: /Δ Total/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: 'Tree order' }));
    expect(tableRows()[1]).toMatch(/^cacheGET/);
  });

  it('filters to what changed, to one side, and by name', async () => {
    const { user } = await openComparison();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Only in B');
    expect(tableRows()).toEqual(['fraudscore | added | 0 | 1 | +10 ms']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Changed');
    expect(tableRows()).toHaveLength(5);
    await user.type(screen.getByRole('searchbox', { name: 'Find' }), 'stock');
    await waitFor(() => expect(tableRows()).toHaveLength(1));
    expect(screen.getByText('1 of 6 operations')).toBeInTheDocument();
  });

  it('opens a node’s details from a row, with links to its first span in A and in B', async () => {
    const { user, router } = await openComparison();
    await user.click(within(table()).getAllByRole('row')[5]);
    const details = screen.getByRole('region', { name: 'payments: charge' });
    expect(within(details).getByRole('list', { name: 'Call path' })).toHaveTextContent(
      'shop: POST /checkoutpayments: charge',
    );
    expect(within(details).getByRole('row', { name: /^Spans/ })).toHaveTextContent('Spans13+2');
    expect(within(details).getByRole('row', { name: /^Errors/ })).toHaveTextContent('Errors01+1');
    expect(within(details).getByRole('link', { name: 'Open in trace A' })).toHaveAttribute(
      'href',
      `/trace/${TRACE_A}?span=${spanIdOf('a5')}`,
    );
    expect(within(details).getByRole('link', { name: /Open in trace B/ })).toHaveAttribute(
      'href',
      `/trace/${TRACE_B}?span=${spanIdOf('b5')}`,
    );
    expect(within(details).getByText('(first of 3)')).toBeInTheDocument();
    expect(router.state.location.search).toContain('node=4');

    await user.click(within(table()).getAllByRole('row')[6]);
    const fraud = screen.getByRole('region', { name: 'fraud: score' });
    expect(within(fraud).getByText('Not in trace A')).toBeInTheDocument();
    await user.click(within(fraud).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('region', { name: 'fraud: score' })).not.toBeInTheDocument();
  });

  it('moves the selection with the keyboard', async () => {
    const { user } = await openComparison();
    table().focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('region', { name: 'cache: GET' })).toBeInTheDocument();
    expect(within(table()).getAllByRole('row')[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(screen.getByRole('region', { name: 'fraud: score' })).toBeInTheDocument();
    await user.keyboard('{Home}');
    expect(screen.getByRole('region', { name: 'shop: POST /checkout' })).toBeInTheDocument();
  });

  it('selects a top contributor from the summary', async () => {
    const { user } = await openComparison();
    await user.click(screen.getByRole('button', { name: /db: UPDATE stock/ }));
    expect(screen.getByRole('region', { name: 'db: UPDATE stock' })).toHaveTextContent(
      'Its own time on the critical path changed by +120 ms',
    );
  });

  it('says which trace is missing', async () => {
    const missing = 'cccccccccccccccc';
    renderApp(comparePath(TRACE_A, missing));
    expect(await screen.findByRole('region', { name: 'Trace B was not found' })).toHaveTextContent(
      `Trace B, ${missing}, is not in the store.`,
    );
  });

  it('explains IDs that are not trace IDs, without asking the backend', async () => {
    const requests = recordRequests(server);
    renderApp(comparePath('xyz', 'abc123'));
    const view = await screen.findByRole('region', { name: 'These are not trace IDs' });
    expect(view).toHaveTextContent('Trace A, xyz: A trace ID uses only the digits 0–9 and the letters a–f.');
    expect(view).toHaveTextContent(
      'Trace B, abc123: A trace ID has 16 or 32 hexadecimal digits; this one has 6.',
    );
    expect(requests.paths().filter((path) => path.startsWith('api/traces'))).toEqual([]);
  });

  it('refuses the same trace twice, however it is written', async () => {
    const requests = recordRequests(server);
    renderApp(comparePath(TRACE_A, TRACE_A.toUpperCase()));
    expect(await screen.findByRole('region', { name: 'Both sides are the same trace' })).toHaveTextContent(
      TRACE_A,
    );
    expect(requests.paths().filter((path) => path.startsWith('api/traces'))).toEqual([]);
  });

  it('offers a retry when the backend is down, and recovers', async () => {
    server.use(http.get('*/api/traces/:id', () => HttpResponse.error()));
    const { user } = renderApp(comparePath());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Could not load trace [AB]/);
    expect(alert).toHaveTextContent('could not be reached');
    server.resetHandlers(...createHandlers([checkoutA, checkoutB]));
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('grid', { name: /aligned by call path/ }, { timeout: 4000 }),
    ).toBeInTheDocument();
  });

  it('starts from the IDs typed in, validated in place, with the cohort offered', async () => {
    const { user, router } = renderApp(`/trace/...?cohort=${TRACE_A}&cohort=${TRACE_B}&cohort=nothex`);
    expect(screen.getByRole('region', { name: 'Choose two traces to compare' })).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Traces to compare' });
    const options = [...form.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual([TRACE_A, TRACE_B]);
    const fieldA = within(form).getByLabelText('Trace A (baseline)');
    const fieldB = within(form).getByLabelText('Trace B');
    await user.type(fieldA, 'abc');
    await user.type(fieldB, TRACE_B);
    await user.click(within(form).getByRole('button', { name: 'Compare' }));
    expect(fieldA).toHaveAccessibleDescription('A trace ID has 16 or 32 hexadecimal digits; this one has 3.');
    expect(fieldA).toHaveAttribute('aria-invalid', 'true');
    await user.clear(fieldA);
    await user.type(fieldA, TRACE_B.toUpperCase());
    await user.click(within(form).getByRole('button', { name: 'Compare' }));
    expect(fieldB).toHaveAccessibleDescription(
      'This is trace A again: choose another trace to compare with.',
    );
    await user.clear(fieldA);
    await user.type(fieldA, TRACE_A);
    await user.click(within(form).getByRole('button', { name: 'Swap A and B' }));
    expect(fieldA).toHaveValue(TRACE_B);
    await user.click(within(form).getByRole('button', { name: 'Compare' }));
    expect(router.state.location.pathname).toBe(`/trace/${TRACE_B}...${TRACE_A}`);
    expect(
      await screen.findByRole('grid', { name: /aligned by call path/ }, { timeout: 4000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent('B is faster than A');
  });

  it('shows each trace’s progress while they load', async () => {
    server.use(
      http.get(`*/api/traces/${TRACE_B}`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderApp(comparePath());
    const loading = await screen.findByRole('status');
    expect(loading).toHaveTextContent('Loading both traces…');
    expect(
      within(loading).getByRole('progressbar', { name: /^Trace B: (Requesting|Downloading)/ }),
    ).toBeInTheDocument();
    expect(await within(loading).findByRole('progressbar', { name: 'Trace A: Ready' })).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
  });

  it('compares a trace opened from a file with one from the backend', async () => {
    const [fromFile] = tracesFromJaegerResponse({ data: [checkoutB] });
    useUploadedTracesStore.getState().add([fromFile], 'slow-checkout.json');
    server.use(http.get(`*/api/traces/${TRACE_B}`, () => HttpResponse.json({ data: null }, { status: 404 })));
    await openComparison();
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent('B is slower than A');
  });

  it('still opens a single trace at /trace/:id', async () => {
    renderApp(`/trace/${TRACE_A}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'shop: POST /checkout' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Traces to compare' })).not.toBeInTheDocument();
  });
});
