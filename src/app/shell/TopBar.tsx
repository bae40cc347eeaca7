import type { MouseEvent } from 'react';
import { Link, NavLink } from 'react-router';
import { uiConfig } from '../config/runtimeConfig';
import type { UiConfig } from '../config/uiConfig';
import { ConfigMenu } from './ConfigMenu';
import { MockBadge } from './MockBanner';
import { ThemeToggle } from './ThemeToggle';
import { TraceIdLookup } from './TraceIdLookup';

interface NavItem {
  to: string;
  label: string;
  /** Jaeger UI's config can take a page out of the menu (its route still works). */
  shown?: (config: UiConfig) => boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/search', label: 'Search' },
  { to: '/dependencies', label: 'Topology', shown: (c) => c.dependencies.menuEnabled },
  { to: '/monitor', label: 'Monitor', shown: (c) => c.monitor.menuEnabled },
  { to: '/sampling', label: 'Sampling' },
];

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  // With <base href> set, "#main" would resolve against the base and leave the page.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function TopBar() {
  const config = uiConfig();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <Link to="/search" className="topbar__brand">
        <svg className="topbar__logo" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">
          <rect x="1" y="2" width="9" height="3" rx="1" fill="var(--service-color-0)" />
          <rect x="4" y="7" width="11" height="3" rx="1" fill="var(--service-color-1)" />
          <rect x="6" y="12" width="5" height="3" rx="1" fill="var(--service-color-2)" />
        </svg>
        Tracelens
      </Link>
      <nav aria-label="Main" className="topbar__nav">
        <ul>
          {NAV_ITEMS.filter((item) => item.shown?.(config) ?? true).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="topbar__link">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="topbar__tools">
        <MockBadge />
        <TraceIdLookup />
        <ConfigMenu entries={config.menu} sameTab={config.forbidNewPage} />
        {config.themes.enabled && <ThemeToggle />}
      </div>
    </header>
  );
}
