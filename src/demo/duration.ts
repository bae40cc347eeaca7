/** Go-style durations as the CLI takes them: 500ms, 30s, 5m, 1h30m, or 0. */

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or undefined when `text` is not a duration. A bare number other than 0 is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text)
    ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g)
    : null;
  if (!parts) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part) ?? [];
    total += Number(amount) * unitMs[unit];
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}
