import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../../mocks/node';
import { stubClientSize } from '../../../../testing/layout';
import { cells, column, grid, gridRows, openView } from '../shared/viewTestKit';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace]));
});
afterEach(() => restoreLayout());

const TABLE = 'Trace statistics';

describe('Statistics view', () => {
  it('groups the spans by service with durations, exact self time and errors', async () => {
    await openView(DISPATCH_TRACE_ID, 'statistics');
    expect(screen.getByRole('tab', { name: 'Statistics' })).toHaveAttribute('aria-selected', 'true');
    const rows = gridRows(TABLE);
    // frontend: 512.4 + 291 + 210.3 ms; its self time is what its children leave: 11.1 + 1.5 + 1.2 ms.
    expect(cells(rows[0])).toEqual([
      'frontend',
      '3',
      '1.01 s',
      '338 ms',
      '210 ms',
      '512 ms',
      '13.8 ms',
      '4.6 ms',
      '1.2 ms',
      '11.1 ms',
      '2.7 %',
      '0',
    ]);
    expect(column(TABLE, 'Service')).toEqual(['frontend', 'customer', 'driver']);
    expect(column(TABLE, 'Errors')).toEqual(['0', '0', '1']);
    expect(column(TABLE, 'Self total')).toEqual(['13.8 ms', '290 ms', '209 ms']);
    const totals = within(grid(TABLE)).getAllByRole('row').at(-1);
    expect(totals && cells(totals).slice(0, 3)).toEqual(['All spans', '8', '1.86 s']);
    expect(screen.getByText(/3 groups · 8 spans · trace 512 ms/)).toBeInTheDocument();
  });

  it('sorts by any column with aria-sort, ties in the previous order', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'statistics');
    const header = (name: RegExp) => screen.getByRole('columnheader', { name });
    expect(header(/^Total/)).toHaveAttribute('aria-sort', 'descending');
    await user.click(within(header(/^Count/)).getByRole('button'));
    expect(header(/^Count/)).toHaveAttribute('aria-sort', 'descending');
    expect(header(/^Total/)).toHaveAttribute('aria-sort', 'none');
    expect(column(TABLE, 'Service')).toEqual(['frontend', 'driver', 'customer']);
    await user.click(within(header(/^Count/)).getByRole('button'));
    expect(header(/^Count/)).toHaveAttribute('aria-sort', 'ascending');
    expect(column(TABLE, 'Service')[0]).toBe('customer');
    await user.click(within(header(/^Service/)).getByRole('button'));
    expect(column(TABLE, 'Service')).toEqual(['customer', 'driver', 'frontend']);
  });

  it('groups by an attribute of spans or resources, with a group for spans without it', async () => {
    const { user, router } = await openView(DISPATCH_TRACE_ID, 'statistics');
    const groupBy = screen.getByRole('combobox', { name: 'Group by' });
    groupBy.focus();
    await waitFor(() =>
      expect(within(groupBy).getByRole('option', { name: /^db\.system/ })).toBeInTheDocument(),
    );
    expect(within(groupBy).getByRole('option', { name: 'host.name (8 spans)' })).toBeInTheDocument();
    await user.selectOptions(groupBy, 'attr:db.system');
    await waitFor(() => expect(column(TABLE, 'db.system')).toEqual(['without db.system', 'mysql', 'redis']));
    expect(router.state.location.search).toContain('group=attr%3Adb.system');
    expect(column(TABLE, 'Count')).toEqual(['5', '1', '2']);
  });

  it('sub-groups as a tree that expands by click and by keyboard', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'statistics', '&group=service&sub=operation');
    const tree = screen.getByRole('treegrid', { name: TABLE });
    expect(gridRows(TABLE)).toHaveLength(3);
    await user.click(within(tree).getByRole('button', { name: 'Expand driver' }));
    expect(column(TABLE, 'Service / Operation')).toEqual([
      'frontend',
      'customer',
      'driver',
      'driver.DriverService/FindNearest',
      'GetDriver',
      'FindDriverIDs',
    ]);
    expect(gridRows(TABLE)[4]).toHaveAttribute('aria-level', '2');
    expect(gridRows(TABLE)[2]).toHaveAttribute('aria-expanded', 'true');

    gridRows(TABLE)[0].focus();
    await user.keyboard('{ArrowRight}');
    expect(gridRows(TABLE)).toHaveLength(9);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('HTTP GET /customer');
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(gridRows(TABLE)).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(gridRows(TABLE)).toHaveLength(3 + 3 + 2 + 3);
  });

  it('exports what it shows as CSV, one line per group and sub-group pair', async () => {
    const saved: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:stats';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      const { user } = await openView(DISPATCH_TRACE_ID, 'statistics', '&sub=operation');
      await user.click(screen.getByRole('button', { name: 'Export CSV' }));
      expect(click).toHaveBeenCalledOnce();
      const anchor = click.mock.contexts[0] as HTMLAnchorElement;
      expect(anchor.download).toBe('trace-4bf92f35-statistics-by-Service-Operation.csv');
      const lines = (await saved[0].text()).replace(/^\ufeff/, '').split('\r\n');
      expect(lines[0]).toMatch(/^Service,Operation,Count,Total \(µs\),/);
      expect(lines[1]).toBe(
        'frontend,HTTP GET /dispatch,1,512400,512400,512400,512400,11100,11100,11100,11100,2.166,0',
      );
      expect(lines).toHaveLength(1 + 8 + 1);
    } finally {
      createObjectURL.mockRestore();
      click.mockRestore();
    }
  });
});
