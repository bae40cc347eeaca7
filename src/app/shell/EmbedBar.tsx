import { useLocation } from 'react-router';
import { standaloneUrl } from '../config/embedded';
import { MockBadge } from './MockBanner';

/**
 * In embedded mode the top bar is gone; this strip keeps one way out: the same view, opened in a
 * new tab without the embedding parameters.
 */
export function EmbedBar() {
  // Re-render on navigation so the link follows the view shown.
  useLocation();
  return (
    <div className="embed-bar">
      <MockBadge />
      <a
        className="embed-bar__open"
        href={standaloneUrl(window.location.href)}
        target="_blank"
        rel="noopener"
      >
        Open in Tracelens
        <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor">
          <path d="M9 2.5h4.5V7M13.5 2.5 7 9M11.5 9.5v4h-9v-9h4" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </a>
    </div>
  );
}
