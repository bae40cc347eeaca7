/** The trace view in a router and query client, for browser tests that bring their own handle. */
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../../../api/queryClient';
import type { TraceHandle } from '../../../workers/traceClient';
import { TraceView } from '../TraceView';

export function TraceViewHarness({
  handle,
  height = 800,
  path,
}: {
  handle: TraceHandle;
  height?: number;
  path?: string;
}) {
  const router = createMemoryRouter(
    [
      {
        path: '/trace/:id',
        element: (
          <div style={{ height, display: 'flex', flexDirection: 'column' }}>
            <TraceView handle={handle} />
          </div>
        ),
      },
    ],
    { initialEntries: [path ?? `/trace/${handle.skeleton.traceId}`] },
  );
  return (
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
