import { Outlet } from 'react-router';
import { AppChrome } from './shell/AppChrome';
import { useApplyTheme } from './theme/useApplyTheme';
import './shell/shell.css';

/** The frame every page lives in: top bar above, the routed page filling the rest. */
export function AppShell() {
  useApplyTheme();
  return (
    <div className="app">
      <AppChrome />
      <main id="main" className="app__main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
