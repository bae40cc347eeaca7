/**
 * Small validators for a JSON document written by a person: each read either returns a value of
 * the right shape or records what was wrong (with the key's path) and returns the fallback.
 */

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export class ConfigReader {
  readonly problems: string[] = [];
  readonly unknownKeys: string[] = [];

  invalid(path: string, value: unknown, expected: string): void {
    this.problems.push(`${path}: expected ${expected}, got ${describeValue(value)}; using the default`);
  }

  /** Records keys of `record` outside `known` as unknown, under `prefix`. */
  checkKeys(record: JsonRecord, known: ReadonlySet<string>, prefix = ''): void {
    for (const key of Object.keys(record)) {
      if (!known.has(key)) this.unknownKeys.push(prefix + key);
    }
  }

  boolean(record: JsonRecord, key: string, fallback: boolean, path = key): boolean {
    const value = record[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.invalid(path, value, 'true or false');
    return fallback;
  }

  /** A whole number in [min, max]. */
  integer(record: JsonRecord, key: string, fallback: number, min: number, max: number, path = key): number {
    const value = record[key];
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.invalid(path, value, `a whole number from ${min} to ${max}`);
    return fallback;
  }

  string(record: JsonRecord, key: string, path = key): string | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.invalid(path, value, 'a non-empty string');
    return undefined;
  }

  /** A nested object; anything else is reported and read as empty. */
  section(record: JsonRecord, key: string, path = key): JsonRecord {
    const value = record[key];
    if (value === undefined) return {};
    if (isRecord(value)) return value;
    this.invalid(path, value, 'an object');
    return {};
  }

  array(record: JsonRecord, key: string, path = key): readonly unknown[] | undefined {
    const value = record[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value;
    this.invalid(path, value, 'an array');
    return undefined;
  }
}
