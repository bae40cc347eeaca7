import type { MouseEvent } from 'react';
import { Link, NavLink } from 'react-router';
import { ThemeToggle } from './ThemeToggle';
import { TraceIdLookup } from './TraceIdLookup';

const NAV_ITEMS = [
  { to: '/search', label: 'Search' },
  { to: '/dependencies', label: 'Topology' },
  { to: '/monitor', label: 'Monitor' },
  { to: '/sampling', label: 'Sampling' },
] as const;

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  // With <base href> set, "#main" would resolve against the base and leave the page.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function TopBar() {
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
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="topbar__link">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="topbar__tools">
        <TraceIdLookup />
        <ThemeToggle />
      </div>
    </header>
  );
}
