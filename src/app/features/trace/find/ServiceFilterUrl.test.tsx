import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../mocks/node';
import { stubClientSize } from '../../../testing/layout';
import { renderTracePage } from '../testing/renderTracePage';
import { findWaterfall, operations } from '../testing/traceTestKit';
import { encodeServiceFilter } from './serviceFilterParam';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace]));
});
afterEach(() => restoreLayout());

// The dispatch trace's services in first-seen order.
const SERVICES = ['frontend', 'customer', 'driver'];

describe('The service filter in the URL (svcFilter)', () => {
  it('opens a link with the services it hid still hidden', async () => {
    const param = encodeServiceFilter(SERVICES, [2]) ?? '';
    renderTracePage(`/trace/${DISPATCH_TRACE_ID}?svcFilter=${param}`);
    await findWaterfall();
    expect(screen.getByRole('button', { name: 'Services (1 hidden)' })).toBeInTheDocument();
    expect(operations()).not.toContain('FindDriverIDs');
  });

  it('writes the filter to the address as services are hidden and shown', async () => {
    const { user, router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(screen.getByRole('button', { name: 'Services' }));
    await user.click(screen.getByRole('checkbox', { name: /customer/ }));
    await waitFor(() =>
      expect(router.state.location.search).toBe(`?svcFilter=${encodeServiceFilter(SERVICES, [1])}`),
    );
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });
});
