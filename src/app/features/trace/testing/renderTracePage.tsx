/**
 * Renders the trace page alone in a memory router with a fresh query client: trace-page tests
 * then depend on this feature only, not on the rest of the route tree.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../../../api/queryClient';
import { TracePage } from '../TracePage';

export function renderTracePage(path: string) {
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/trace/:id', element: <TracePage /> },
      { path: '/search', element: <h1>Search</h1> },
    ],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, user, queryClient };
}
