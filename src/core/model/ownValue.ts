/**
 * The value a lookup table holds for `key`, or undefined: only the table's own entries count.
 * `table[key]` alone would answer `toString`, `constructor` or `__proto__` with what every object
 * inherits, so any key that comes from input (a tag value, a query parameter) goes through here.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
