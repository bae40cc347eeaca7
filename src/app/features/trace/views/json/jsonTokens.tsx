/**
 * Syntax colours for one rendered line of pretty JSON. Lines are short (the worker cuts long
 * ones), so a regular expression per visible line costs nothing; a line cut inside a string
 * simply leaves the unterminated rest uncoloured.
 */
import type { ReactNode } from 'react';

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],])/g;

export function highlightJson(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const at = m.index;
    if (at > last) out.push(line.slice(last, at));
    const [text, string, colon, number, literal] = m;
    const className = string
      ? colon
        ? 'json-key'
        : 'json-string'
      : number
        ? 'json-number'
        : literal
          ? 'json-literal'
          : 'json-punct';
    if (string && colon) {
      out.push(
        <span key={at} className={className}>
          {string}
        </span>,
        <span key={`${at}:`} className="json-punct">
          {colon}
        </span>,
      );
    } else {
      out.push(
        <span key={at} className={className}>
          {text}
        </span>,
      );
    }
    last = at + text.length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}
