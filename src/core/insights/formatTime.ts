/** Durations for the one-line summaries, in the units the waterfall uses: `850 µs`, `1.23 ms`, `2.5 s`. */
const UNITS: readonly (readonly [symbol: string, us: number])[] = [
  ['µs', 1],
  ['ms', 1e3],
  ['s', 1e6],
  ['min', 60e6],
];

const digits = (value: number) =>
  Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));

export function formatMicros(us: number): string {
  let unit = 0;
  while (unit + 1 < UNITS.length && Math.abs(us) >= UNITS[unit + 1][1]) unit++;
  let text = digits(us / UNITS[unit][1]);
  // 999.7 µs rounds to "1000 µs": say "1 ms" instead.
  if (unit + 1 < UNITS.length && Math.abs(Number(text)) * UNITS[unit][1] >= UNITS[unit + 1][1]) {
    unit++;
    text = digits(us / UNITS[unit][1]);
  }
  return `${text} ${UNITS[unit][0]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
