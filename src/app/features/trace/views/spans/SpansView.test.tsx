import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../../mocks/node';
import { stubClientSize } from '../../../../testing/layout';
import { findWaterfall } from '../../testing/traceTestKit';
import { cells, column, gridRows, openView } from '../shared/viewTestKit';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace]));
});
afterEach(() => restoreLayout());

const TABLE = 'Spans';
const operations = () => column(TABLE, 'Operation');

describe('Spans view', () => {
  it('lists every span with its timing, self time, status and kind, by start time', async () => {
    await openView(DISPATCH_TRACE_ID, 'spans');
    expect(screen.getByText('8 of 8 spans')).toBeInTheDocument();
    expect(cells(gridRows(TABLE)[0])).toEqual([
      'frontend',
      'HTTP GET /dispatch',
      '0 µs',
      '512 ms',
      '11.1 ms',
      'unset',
      'server',
    ]);
    expect(cells(gridRows(TABLE)[7])).toEqual([
      'driver',
      'GetDriver',
      '313 ms',
      '45.9 ms',
      '45.9 ms',
      ' error',
      'internal',
    ]);
    expect(screen.getByRole('columnheader', { name: /^Start/ })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('sorts in the worker by a column, each way', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'spans');
    const sortBy = (name: RegExp) =>
      user.click(within(screen.getByRole('columnheader', { name })).getByRole('button'));
    await sortBy(/^Self time/);
    await waitFor(() => expect(operations()[0]).toBe('SQL SELECT'));
    expect(column(TABLE, 'Self time').slice(0, 3)).toEqual(['288 ms', '146 ms', '45.9 ms']);
    await sortBy(/^Self time/);
    await waitFor(() => expect(operations()[0]).toBe('driver.DriverService/FindNearest'));
    expect(column(TABLE, 'Self time')[0]).toBe('1.2 ms');
    await sortBy(/^Operation/);
    await waitFor(() => expect(operations()[0]).toBe('driver.DriverService/FindNearest'));
    expect(operations().at(-1)).toBe('SQL SELECT');
    expect(screen.getByRole('columnheader', { name: /^Operation/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
  });

  it('filters with the find syntax, by service and by errors, and explains a bad filter', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'spans');
    const filter = screen.getByRole('searchbox', { name: 'Filter spans' });
    await user.type(filter, 'db.system=redis');
    await waitFor(() => expect(operations()).toEqual(['FindDriverIDs', 'GetDriver']));
    expect(screen.getByText('2 of 8 spans')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    await waitFor(() => expect(operations()).toEqual(['GetDriver']));
    await user.clear(filter);
    await user.type(filter, 'kind:nope');
    await waitFor(() => expect(filter).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText(/Unknown span kind "nope"/)).toBeInTheDocument();
    await user.clear(filter);
    await user.click(screen.getByRole('checkbox', { name: 'Errors only' }));

    await user.click(screen.getByRole('button', { name: 'Services' }));
    await user.click(screen.getByRole('checkbox', { name: /frontend/ }));
    await waitFor(() => expect(screen.getByText('5 of 8 spans')).toBeInTheDocument());
    expect(new Set(column(TABLE, 'Service'))).toEqual(new Set(['customer', 'driver']));

    await user.click(screen.getByRole('button', { name: 'Done' }));
    await user.type(filter, 'nothing-like-this');
    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByText('8 of 8 spans')).toBeInTheDocument());
  });

  it('adds attribute columns, sorts by them and removes them', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'spans');
    const add = screen.getByRole('combobox', { name: 'Add an attribute column' });
    // The keys are listed when the picker is first used.
    expect(within(add).queryByRole('option', { name: /^db\.system/ })).not.toBeInTheDocument();
    add.focus();
    await waitFor(() => expect(within(add).getByRole('option', { name: /^db\.system/ })).toBeInTheDocument());
    await user.selectOptions(add, 'db.system');
    await waitFor(() => expect(column(TABLE, 'db.system')).toContain('mysql'));
    await user.click(within(screen.getByRole('columnheader', { name: /^db\.system/ })).getByRole('button'));
    await waitFor(() => expect(column(TABLE, 'db.system').slice(0, 3)).toEqual(['mysql', 'redis', 'redis']));
    expect(column(TABLE, 'db.system')[3]).toBe('—no db.system');
    await user.click(screen.getByRole('button', { name: 'Remove column db.system' }));
    expect(screen.queryByRole('columnheader', { name: /^db\.system/ })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: /^Start/ })).toHaveAttribute('aria-sort', 'ascending'),
    );
  });

  it('moves with the keyboard and opens a span in the timeline with Enter', async () => {
    const { user, router } = await openView(DISPATCH_TRACE_ID, 'spans');
    gridRows(TABLE)[0].focus();
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveTextContent('GetDriver');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toHaveTextContent('FindDriverIDs');
    await user.keyboard('{Enter}');
    await findWaterfall();
    expect(router.state.location.search).toBe('?span=a1b2c3d4e5f60006');
    expect(screen.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens a span in the timeline on click', async () => {
    const { user, router } = await openView(DISPATCH_TRACE_ID, 'spans');
    await user.click(gridRows(TABLE)[3]);
    await findWaterfall();
    expect(router.state.location.search).toBe('?span=a1b2c3d4e5f60004');
  });
});
