import { useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../../format/bytes';

/** What the table shows before "show more": one or two lines. */
export const PREVIEW_CHARS = 300;
/** What "show more" reveals; past it the text is rendered in chunks as it is scrolled to. */
export const EXPANDED_CHARS = 10_000;
const CHUNK_CHARS = 100_000;

interface LongTextProps {
  text: string;
  className?: string;
}

/**
 * A value that may be megabytes long (prompts, SQL, stack traces, a 10 MB payload). Only a preview
 * goes into the DOM at first; "show all" appends 100k-character chunks as the reader scrolls, so
 * the panel never freezes on a giant value.
 */
export function LongText({ text, className }: LongTextProps) {
  const [limit, setLimit] = useState(PREVIEW_CHARS);
  const sentinel = useRef<HTMLSpanElement>(null);
  const lazy = limit > EXPANDED_CHARS;

  useEffect(() => {
    const el = sentinel.current;
    if (!lazy || !el || typeof IntersectionObserver === 'undefined' || limit >= text.length) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => Math.min(text.length, l + CHUNK_CHARS));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [lazy, limit, text.length]);

  if (text.length <= PREVIEW_CHARS) return <span className={className}>{text}</span>;
  const shown = Math.min(limit, text.length);
  const chunks: string[] = [];
  for (let at = 0; at < shown; at += CHUNK_CHARS)
    chunks.push(text.slice(at, Math.min(shown, at + CHUNK_CHARS)));
  const rest = text.length - shown;
  return (
    <span className={className ? `long-text ${className}` : 'long-text'}>
      {chunks.map((chunk, i) => (
        <span key={i}>{chunk}</span>
      ))}
      {rest > 0 && <span aria-hidden="true">… </span>}
      <span ref={sentinel} />
      <span className="long-text__controls">
        {rest > 0 && limit < EXPANDED_CHARS && (
          <button type="button" className="link-button" onClick={() => setLimit(EXPANDED_CHARS)}>
            Show more
          </button>
        )}
        {rest > 0 && (
          <button
            type="button"
            className="link-button"
            onClick={() => setLimit((l) => Math.min(text.length, Math.max(l, EXPANDED_CHARS) + CHUNK_CHARS))}
          >
            {lazy
              ? `Show next ${formatBytes(Math.min(rest, CHUNK_CHARS))}`
              : `Show all ${formatBytes(text.length)}`}
          </button>
        )}
        {limit > PREVIEW_CHARS && (
          <button type="button" className="link-button" onClick={() => setLimit(PREVIEW_CHARS)}>
            Show less
          </button>
        )}
        <span className="long-text__size num">
          {rest > 0
            ? `${shown.toLocaleString()} of ${text.length.toLocaleString()} characters`
            : `${text.length.toLocaleString()} characters`}
        </span>
      </span>
    </span>
  );
}
