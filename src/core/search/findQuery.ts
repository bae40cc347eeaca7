/**
 * The "find in trace" query language: space-separated terms that must all match.
 *
 *   checkout "payment failed"   free text (quotes keep spaces): operation, service, attribute
 *                               key or value, event name, or the start of a span ID
 *   http.status_code=500        attribute with exactly this value (span, resource or event)
 *   >500ms  <1.2s  >=1m  <=10us duration (units ns, us/µs, ms, s, m, h)
 *   error   is:error            spans with error status
 *   kind:server                 span kind: server, client, producer, consumer, internal
 *   service:frontend            spans of that service (case-insensitive, whole name)
 *   is:critical                 spans on the critical path
 */
import { SpanKind } from '../model/trace';
import { DurationError, parseGoDuration } from '../time/goDuration';

export type DurationComparison = '>' | '>=' | '<' | '<=';

export type FindTerm =
  /** `text` is lower-case; matching ignores case. */
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'attribute'; readonly key: string; readonly value: string }
  | { readonly type: 'duration'; readonly comparison: DurationComparison; readonly us: number }
  | { readonly type: 'error' }
  | { readonly type: 'kind'; readonly kind: SpanKind }
  | { readonly type: 'service'; readonly name: string }
  | { readonly type: 'critical' };

export interface FindQuery {
  /** All must match; an empty query matches nothing. */
  readonly terms: readonly FindTerm[];
}

const KINDS: Readonly<Record<string, SpanKind>> = {
  server: SpanKind.Server,
  client: SpanKind.Client,
  producer: SpanKind.Producer,
  consumer: SpanKind.Consumer,
  internal: SpanKind.Internal,
};

type Parsed<T> = T | { error: string };

/** Splits on whitespace outside double quotes; quotes stay in the tokens so terms can tell. */
export function tokenizeFindQuery(text: string): Parsed<string[]> {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !/\s/.test(text[i])) {
      if (text[i] !== '"') {
        i++;
        continue;
      }
      const close = text.indexOf('"', i + 1);
      if (close < 0) return { error: `Unclosed quote in ${text.slice(start)}: add the closing ".` };
      i = close + 1;
    }
    tokens.push(text.slice(start, i));
  }
  return tokens;
}

const unquote = (s: string): string => s.replaceAll('"', '');

/** One token as a term; null for a token that asks for nothing (an empty ""). */
export function parseFindTerm(token: string): Parsed<FindTerm | null> {
  // A token that starts with a quote is always text: `"error"` looks for the word.
  if (token.startsWith('"')) return textTerm(unquote(token));
  const lower = token.toLowerCase();
  if (lower === 'error' || lower === 'is:error') return { type: 'error' };
  if (lower === 'is:critical') return { type: 'critical' };
  if (lower.startsWith('is:')) {
    return { error: `Unknown filter "${token}": use is:error or is:critical.` };
  }
  if (lower.startsWith('kind:')) {
    const name = unquote(token.slice(5)).toLowerCase();
    const kind = KINDS[name];
    if (kind === undefined) {
      return {
        error: `Unknown span kind "${name}" in "${token}": use kind:server, kind:client, kind:producer, kind:consumer or kind:internal.`,
      };
    }
    return { type: 'kind', kind };
  }
  if (lower.startsWith('service:')) {
    const name = unquote(token.slice(8));
    if (!name) return { error: `"${token}" names no service: write service:<name>, e.g. service:frontend.` };
    return { type: 'service', name };
  }
  if (token.startsWith('>') || token.startsWith('<')) return durationTerm(token);
  const eq = token.indexOf('=');
  if (eq === 0) {
    return {
      error: `"${token}" has no attribute key before "=": write key=value, e.g. http.status_code=500.`,
    };
  }
  if (eq > 0)
    return { type: 'attribute', key: unquote(token.slice(0, eq)), value: unquote(token.slice(eq + 1)) };
  return textTerm(unquote(token));
}

function textTerm(text: string): FindTerm | null {
  return text ? { type: 'text', text: text.toLowerCase() } : null;
}

function durationTerm(token: string): Parsed<FindTerm> {
  const comparison: DurationComparison = token.startsWith('>=')
    ? '>='
    : token.startsWith('<=')
      ? '<='
      : token[0] === '>'
        ? '>'
        : '<';
  const amount = unquote(token.slice(comparison.length)).trim();
  const example = `${comparison}500ms or ${comparison}1.2s`;
  if (!amount) return { error: `"${token}" needs a duration after ${comparison}, e.g. ${example}.` };
  let ns: bigint;
  try {
    ns = parseGoDuration(amount);
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    return {
      error: `"${amount}" in "${token}" is not a duration: write a number and a unit (ns, us, µs, ms, s, m, h), e.g. ${example}.`,
    };
  }
  if (ns < 0n) return { error: `"${token}": a duration cannot be negative.` };
  return { type: 'duration', comparison, us: Number(ns) / 1000 };
}
