import type { RenderedLink } from './linkPatterns';
import './patternLinks.css';

interface PatternLinksProps {
  links: readonly RenderedLink[];
  /** `forbidNewPage`: stay in this tab. */
  sameTab?: boolean;
  className?: string;
}

/** Links made by the UI config's `linkPatterns`; URLs are already checked to be http(s). */
export function PatternLinks({ links, sameTab = false, className }: PatternLinksProps) {
  if (links.length === 0) return null;
  return (
    <ul className={`pattern-links ${className ?? ''}`}>
      {links.map((link) => (
        <li key={`${link.url}\u0000${link.text}`}>
          <a
            href={link.url}
            target={sameTab ? '_self' : '_blank'}
            rel={sameTab ? undefined : 'noopener noreferrer'}
            className="pattern-links__link"
          >
            {link.text || link.url}
          </a>
        </li>
      ))}
    </ul>
  );
}
