import { Outlet } from 'react-router';
import { TopBar } from './shell/TopBar';
import { useApplyTheme } from './theme/useApplyTheme';
import './shell/shell.css';

/** The frame every page lives in: top bar above, the routed page filling the rest. */
export function AppShell() {
  useApplyTheme();
  return (
    <div className="app">
      <TopBar />
      <main id="main" className="app__main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
