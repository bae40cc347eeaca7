import type { RouteObject } from 'react-router';
import { AppShell } from './AppShell';
import { SearchPage } from './features/search/SearchPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { RedirectToSearch } from './shell/RedirectToSearch';
import { RouteErrorPage } from './shell/RouteErrorPage';
import { TraceOrCompare } from './TraceOrCompare';

/** Jaeger's paths, so links into an existing Jaeger UI open the same views here. */
export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <RedirectToSearch /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'trace/:id', element: <TraceOrCompare /> },
          // Heavier pages load on first visit, so charts and the graph layout stay out of the main bundle.
          {
            path: 'dependencies',
            lazy: async () => ({
              Component: (await import('./features/topology/TopologyPage')).TopologyPage,
            }),
          },
          {
            path: 'monitor',
            lazy: async () => ({ Component: (await import('./features/monitor/MonitorPage')).MonitorPage }),
          },
          {
            path: 'sampling',
            lazy: async () => ({
              Component: (await import('./features/sampling/SamplingPage')).SamplingPage,
            }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
