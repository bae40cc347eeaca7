import type { RouteObject } from 'react-router';
import { AppShell } from './AppShell';
import { SearchPage } from './features/search/SearchPage';
import { TracePage } from './features/trace/TracePage';
import { NotBuiltYetPage } from './shell/NotBuiltYetPage';
import { NotFoundPage } from './shell/NotFoundPage';
import { RedirectToSearch } from './shell/RedirectToSearch';
import { RouteErrorPage } from './shell/RouteErrorPage';

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
          { path: 'trace/:id', element: <TracePage /> },
          {
            path: 'dependencies',
            element: (
              <NotBuiltYetPage
                view="Topology"
                purpose="It will draw the graph of which services call which, built from the spans in storage, with a click from any edge to the traces behind it."
              />
            ),
          },
          {
            path: 'monitor',
            element: (
              <NotBuiltYetPage
                view="Monitor"
                purpose="It will chart request rate, error rate and latency for every service and operation from span metrics, with a click from a spike to the traces behind it."
              />
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
