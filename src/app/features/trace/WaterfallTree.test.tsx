import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { stubClientSize } from '../../testing/layout';
import { badTrace, BAD_TRACE_ID } from './testing/badTrace';
import { renderTracePage } from './testing/renderTracePage';
import {
  findWaterfall,
  operations,
  rowOf,
  spanRows,
  timelineCanvas,
  waterfall,
} from './testing/traceTestKit';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace, badTrace()]));
});
afterEach(() => restoreLayout());

const button = (name: string) => screen.getByRole('button', { name });

describe('Waterfall tree', () => {
  it('collapses and expands one span with its chevron, counting what it folds', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    const customer = spanRows()[1];
    expect(customer).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(customer).getByRole('button', { name: 'Collapse HTTP GET /customer' }));
    expect(spanRows()[1]).toHaveAttribute('aria-expanded', 'false');
    expect(spanRows()).toHaveLength(6);
    expect(spanRows()[1]).toHaveTextContent('+2 spans folded');
    await user.click(within(spanRows()[1]).getByRole('button', { name: 'Expand HTTP GET /customer' }));
    expect(spanRows()).toHaveLength(8);
  });

  it('collapses all, expands one level at a time, and marks errors folded away', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(button('Collapse all'));
    expect(operations()).toEqual(['HTTP GET /dispatch']);
    expect(spanRows()[0]).toHaveTextContent('error in folded spans');
    expect(spanRows()[0]).toHaveTextContent('+7 spans folded');
    await user.click(button('Expand +1'));
    expect(operations()).toEqual([
      'HTTP GET /dispatch',
      'HTTP GET /customer',
      'driver.DriverService/FindNearest',
    ]);
    await user.click(button('Expand all'));
    expect(spanRows()).toHaveLength(8);
    await user.click(button('Collapse +1'));
    // The deepest parents on each path fold: the customer server and the driver server.
    expect(operations()).toEqual([
      'HTTP GET /dispatch',
      'HTTP GET /customer',
      'HTTP GET /customer',
      'driver.DriverService/FindNearest',
      'driver.DriverService/FindNearest',
    ]);
  });

  it('marks span kinds and pairs a server span with the client call above it', async () => {
    renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    expect(spanRows().map((r) => r.querySelector('.kind-badge')?.textContent ?? '')).toEqual([
      'server',
      'client',
      'server',
      'client',
      'client',
      'server',
      '',
      '',
    ]);
    // The timeline canvas connects the two server spans to their client calls right above them,
    // and draws critical-path segments on every span (each is on the path in this trace).
    const canvas = timelineCanvas();
    expect(canvas).toHaveAttribute('data-rows', '8');
    expect(canvas).toHaveAttribute('data-links', '2');
    expect(canvas).toHaveAttribute('data-critical', '8');
    expect(spanRows().every((r) => r.textContent?.includes('on the critical path'))).toBe(true);
  });

  it('hides services with their subtrees, and says how many spans each lost', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(screen.getByRole('button', { name: 'Services' }));
    const filter = screen.getByRole('group', { name: 'Services to show' });
    await user.click(within(filter).getByRole('checkbox', { name: /customer/ }));
    expect(operations()).not.toContain('SQL SELECT');
    expect(spanRows()).toHaveLength(6);
    expect(within(waterfall()).getByText('2 spans hidden by filters')).toBeInTheDocument();
    expect(within(filter).getByText('2 of 2 hidden')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Services to show' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Services (1 hidden)' })).toHaveFocus();
    await user.click(within(waterfall()).getByRole('button', { name: 'Show all spans' }));
    expect(spanRows()).toHaveLength(8);
  });

  it('shows only the critical path on request', async () => {
    const { user } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    const all = spanRows().length;
    await user.click(screen.getByRole('checkbox', { name: 'Critical path only' }));
    const rows = spanRows();
    expect(rows.length).toBeLessThan(all);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.textContent?.includes('on the critical path')).length).toBeGreaterThan(0);
    expect(Number(timelineCanvas().dataset.critical)).toBeGreaterThan(0);
    expect(within(waterfall()).getAllByText(/spans? hidden by filters/).length).toBeGreaterThan(0);
  });
});

describe('A broken trace', () => {
  it('renders every span and explains each kind of problem', async () => {
    const { user } = renderTracePage(`/trace/${BAD_TRACE_ID}`);
    await findWaterfall();
    expect(spanRows()).toHaveLength(12);
    expect(rowOf('no-process')).toHaveTextContent('missing-service-name');
    const summary = screen.getByText(/problems with this trace's data/);
    await user.click(summary);
    const list = summary.closest('details')!.querySelector('ul')!;
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-problem'));
    expect(items).toEqual([
      'cycles',
      'duplicateIds',
      'orphans',
      'clockSkew',
      'childrenOutsideParent',
      'zeroDuration',
      'w0',
    ]);
    expect(list).toHaveTextContent('clock skew adjustment disabled');
    expect(list).toHaveTextContent(/1 span references a parent that is not in this trace/);
  });
});
