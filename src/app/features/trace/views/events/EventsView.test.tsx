import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../../mocks/data/dispatchTrace';
import { simpleTrace } from '../../../../../../mocks/data/simpleTraces';
import { createHandlers } from '../../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../../mocks/node';
import { stubClientSize } from '../../../../testing/layout';
import { badTrace, BAD_TRACE_ID } from '../../testing/badTrace';
import { findWaterfall } from '../../testing/traceTestKit';
import { cells, column, gridRows, openView } from '../shared/viewTestKit';

const server = setupMswServer();
let restoreLayout: () => void;
const QUIET = simpleTrace({
  id: 'e0e0',
  service: 'quiet',
  operation: 'tick',
  startUs: 1_764_000_000_000_000,
  durationUs: 10,
  spans: 2,
});
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace, badTrace(), QUIET]));
});
afterEach(() => restoreLayout());

const TABLE = 'Span events';

describe('Events view', () => {
  it('lists each event with its time from the trace start, its span and its attributes', async () => {
    await openView(DISPATCH_TRACE_ID, 'events');
    expect(gridRows(TABLE).map(cells)).toEqual([
      ['359 ms', 'driver', 'GetDriver', 'exception', 'exception.message=redis timeout after 45ms'],
    ]);
    expect(screen.getByText('1 of 1 event')).toBeInTheDocument();
  });

  it('opens the event’s span in the timeline with Enter', async () => {
    const { user, router } = await openView(DISPATCH_TRACE_ID, 'events');
    gridRows(TABLE)[0].focus();
    await user.keyboard('{Enter}');
    await findWaterfall();
    expect(router.state.location.search).toBe('?span=a1b2c3d4e5f60007');
  });

  it('filters by text in names, attributes and spans, and reverses the time order', async () => {
    const { user } = await openView(BAD_TRACE_ID, 'events');
    expect(column(TABLE, 'Event')).toEqual(['checkpoint']);
    const filter = screen.getByRole('searchbox', { name: 'Filter events' });
    await user.type(filter, 'ROWS=1000');
    await waitFor(() => expect(screen.getByText('1 of 1 event')).toBeInTheDocument());
    await user.clear(filter);
    await user.type(filter, 'no such thing');
    await waitFor(() => expect(screen.getByText('No event matches this filter.')).toBeInTheDocument());
    await user.clear(filter);
    await user.type(filter, 'batch-job');
    await waitFor(() => expect(column(TABLE, 'Operation')).toEqual(['batch-job']));
    const time = screen.getByRole('columnheader', { name: /^Time/ });
    expect(time).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: /^Time/ }));
    expect(time).toHaveAttribute('aria-sort', 'descending');
  });

  it('explains where events come from when a trace has none', async () => {
    await openView(QUIET.traceID, 'events');
    expect(screen.getByText(/No span in this trace has events/)).toBeInTheDocument();
    expect(screen.getByText('0 of 0 events')).toBeInTheDocument();
  });
});
