import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { stubClientSize } from '../../testing/layout';
import { badTrace, BAD_TRACE_ID, HUGE_VALUE_LENGTH, OTHER_SPAN_ID, OTHER_TRACE_ID } from './testing/badTrace';
import { renderTracePage } from './testing/renderTracePage';
import { detailsPanel, findWaterfall, rowOf } from './testing/traceTestKit';
import { LAYOUT_STORAGE_KEY, useTraceLayout } from './traceLayoutPrefs';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace, badTrace()]));
  useTraceLayout.getState().setDetailsMode('side');
});
afterEach(() => {
  restoreLayout();
  window.localStorage.removeItem(LAYOUT_STORAGE_KEY);
});

describe('Span details', () => {
  it('opens a span in the side panel with status, timing, IDs, typed attributes and events', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('GetDriver'));
    const panel = detailsPanel();
    expect(await within(panel).findByRole('heading', { level: 2, name: 'GetDriver' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?span=a1b2c3d4e5f60007');
    const fact = (term: string) =>
      within(panel).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(fact('Status')).toBe('Error: redis timeout');
    expect(fact('Start')).toBe('313 ms after the trace start');
    expect(fact('Duration')).toBe('45.9 ms');
    expect(fact('Span ID')).toBe('a1b2c3d4e5f60007');
    expect(fact('Parent ID')).toBe('a1b2c3d4e5f60005');

    const attributes = within(panel).getByRole('table', { name: 'Span attributes' });
    const redis = within(attributes).getByRole('row', { name: /db\.system/ });
    expect(
      within(redis)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['string', 'redis', '']);
    expect(within(panel).getByText('exception')).toBeInTheDocument();
    expect(within(panel).getByText('359 ms')).toHaveClass('events__time');

    await user.click(within(panel).getByRole('button', { name: 'Copy span ID' }));
    expect(await navigator.clipboard.readText()).toBe('a1b2c3d4e5f60007');
    await user.click(within(panel).getByRole('button', { name: 'Copy link to this span' }));
    expect(await navigator.clipboard.readText()).toMatch(
      new RegExp(`/trace/${DISPATCH_TRACE_ID}\\?uiFind=a1b2c3d4e5f60007$`),
    );

    await user.click(within(panel).getByRole('button', { name: 'Close span details' }));
    expect(screen.queryByRole('complementary', { name: 'Span details' })).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('opens the span from the URL, so a shared link shows the same span', async () => {
    renderTracePage(`/trace/${DISPATCH_TRACE_ID}?span=a1b2c3d4e5f60004`);
    await findWaterfall();
    expect(await within(detailsPanel()).findByRole('heading', { name: 'SQL SELECT' })).toBeInTheDocument();
    expect(rowOf('SQL SELECT')).toHaveAttribute('aria-selected', 'true');
  });

  it('shows details inline under the row when the reader prefers it, and remembers that', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(screen.getByRole('radio', { name: 'Inline' }));
    expect(JSON.parse(window.localStorage.getItem(LAYOUT_STORAGE_KEY) ?? '{}')).toMatchObject({
      detailsMode: 'inline',
    });
    await user.click(rowOf('SQL SELECT'));
    const heading = await screen.findByRole('heading', { level: 3, name: 'SQL SELECT' });
    // Under the row in the list's order, which the row group's aria-owns gives (elements are in slots).
    const spanRow = rowOf('SQL SELECT');
    const owned = spanRow.parentElement?.getAttribute('aria-owns')?.split(' ') ?? [];
    expect(owned[owned.indexOf(spanRow.id) + 1]).toBe(heading.closest('[role="row"]')?.id);
    expect(screen.queryByRole('complementary', { name: 'Span details' })).not.toBeInTheDocument();
  });

  it('pretty-prints JSON values and labels every attribute type', async () => {
    const { user } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('batch-job'));
    const table = await within(detailsPanel()).findByRole('table', { name: 'Span attributes' });
    const typeOf = (key: string) =>
      within(table)
        .getByRole('row', { name: new RegExp(key) })
        .querySelector('.attrs__type')?.textContent;
    expect(['job.config', 'job.size', 'job.ratio', 'job.dry_run', 'job.payload'].map(typeOf)).toEqual([
      'string',
      'int',
      'double',
      'bool',
      'bytes',
    ]);
    expect(
      within(table)
        .getByRole('row', { name: /job\.config/ })
        .querySelector('pre')?.textContent,
    ).toContain('"retries": 3,\n');
    // The skewed child starts 5 ms before the root, so the trace starts there.
    expect(within(detailsPanel()).getByText('255 ms')).toHaveClass('events__time');
  });

  it('keeps a 10 MB value out of the DOM until asked, then reveals it in chunks', async () => {
    const { user } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('upload-blob'));
    const row = within(
      await within(detailsPanel()).findByRole('table', { name: 'Span attributes' }),
    ).getByRole('row', { name: /blob\.content/ });
    const value = () => row.querySelector('.attrs__value')?.textContent?.length ?? 0;
    expect(value()).toBeLessThan(1_000);
    expect(row).toHaveTextContent(`300 of ${HUGE_VALUE_LENGTH.toLocaleString()} characters`);
    await user.click(within(row).getByRole('button', { name: 'Show more' }));
    expect(value()).toBeGreaterThan(10_000);
    expect(value()).toBeLessThan(11_000);
    await user.click(within(row).getByRole('button', { name: 'Show all 10.0 MB' }));
    expect(value()).toBeGreaterThan(100_000);
    expect(value()).toBeLessThan(200_000);
  });

  it('follows a link to a span in this trace, and links to a span in another trace', async () => {
    const { user, router } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('linked'));
    const panel = detailsPanel();
    const other = await within(panel).findByRole('link', { name: new RegExp(OTHER_SPAN_ID) });
    expect(other).toHaveAttribute('href', `/trace/${OTHER_TRACE_ID}?uiFind=${OTHER_SPAN_ID}`);
    await user.click(within(panel).getByRole('button', { name: /worker: instant/ }));
    expect(await within(detailsPanel()).findByRole('heading', { name: 'instant' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?span=b000000000000005');
  });

  it('lists what is wrong with a span', async () => {
    const { user } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('fire-and-forget'));
    expect(await within(detailsPanel()).findByText(/Ends 200 ms after its parent/)).toBeInTheDocument();
    await user.click(rowOf('orphan'));
    expect(
      await within(detailsPanel()).findByText(/parent span deadbeef00000001 is not in this trace/),
    ).toBeInTheDocument();
    await user.click(rowOf('instant'));
    expect(await within(detailsPanel()).findByText(/Zero duration/)).toBeInTheDocument();
  });
});
