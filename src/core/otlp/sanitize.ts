import type { Span } from '../model/trace';

export const EMPTY_SPAN_NAME = 'empty-span-name';

/**
 * Jaeger's storage sanitizers: every span gets a name and a positive duration, and the
 * change is recorded as a warning on the span so nobody is misled by it.
 */
export function sanitizeSpan(span: Span): Span {
  let result = span;
  if (span.name === '') result = { ...result, name: EMPTY_SPAN_NAME };
  if (span.endTimeUnixNano <= span.startTimeUnixNano) {
    const adjusted = span.startTimeUnixNano + 1n;
    result = {
      ...result,
      endTimeUnixNano: adjusted,
      warnings: [
        ...result.warnings,
        `Negative duration detected, sanitizing end timestamp. Original end timestamp: ${formatNanos(span.endTimeUnixNano)}, adjusted to: ${formatNanos(adjusted)}`,
      ],
    };
  }
  return result;
}

/** RFC 3339 with nanoseconds, as Go's time formatting shows them. */
export function formatNanos(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString();
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}
