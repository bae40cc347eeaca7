import type { RenderedLink } from './linkPatterns';
import './patternLinks.css';

const BLOCKED = 'not a link: the configured URL is not http or https';

interface PatternLinksProps {
  links: readonly RenderedLink[];
  /** `forbidNewPage`: stay in this tab. */
  sameTab?: boolean;
  className?: string;
}

/**
 * Links made by the UI config's `linkPatterns`. URLs are already checked to be http(s); a pattern
 * whose URL was anything else shows its text, as text, saying why it is not a link.
 */
export function PatternLinks({ links, sameTab = false, className }: PatternLinksProps) {
  if (links.length === 0) return null;
  return (
    <ul className={`pattern-links ${className ?? ''}`}>
      {links.map((link) => (
        <li key={`${link.url ?? ''}\u0000${link.text}`}>
          {link.url === null ? (
            <span className="pattern-links__blocked" title={BLOCKED}>
              {link.text || 'Link'} <span className="visually-hidden">({BLOCKED})</span>
            </span>
          ) : (
            <a
              href={link.url}
              target={sameTab ? '_self' : '_blank'}
              rel={sameTab ? undefined : 'noopener noreferrer'}
              className="pattern-links__link"
            >
              {link.text || link.url}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
