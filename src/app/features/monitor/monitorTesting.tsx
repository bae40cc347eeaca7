/** Renders the Monitor page in a memory router with a stand-in search page (tests only). */
import { QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../../api/queryClient';
import { MonitorPage } from './MonitorPage';
import { SearchStandIn } from './SearchStandIn';

export function renderMonitor(path: string) {
  // Eight parallel requests under a loaded CI machine can pass the default 1 s.
  configure({ asyncUtilTimeout: 4000 });
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/monitor', element: <MonitorPage /> },
      { path: '/search', element: <SearchStandIn /> },
    ],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, user };
}

export const landedAt = () => screen.getByTestId('search-location').textContent ?? '';
