/**
 * Attribute values with their OTLP type kept, so that an int64 stays an int64 on the way out
 * (Jaeger's `"type":"int64"`, OTLP's `intValue`) and big integers never lose digits.
 */
export type AttributeValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int64'; readonly value: bigint }
  | { readonly type: 'float64'; readonly value: number }
  /** Base64 (standard alphabet, padded), as both Jaeger and OTLP JSON carry bytes. */
  | { readonly type: 'binary'; readonly value: string }
  | { readonly type: 'array'; readonly value: readonly AttributeValue[] }
  | { readonly type: 'map'; readonly value: readonly Attribute[] }
  | { readonly type: 'empty'; readonly value: null };

export type Attribute = AttributeValue & { readonly key: string };

export function stringAttribute(key: string, value: string): Attribute {
  return { key, type: 'string', value };
}

/**
 * The value as text, with the rules of pdata's `Value.AsString()`: this is what a tag search
 * compares against, and how Jaeger renders maps and arrays as tag strings.
 */
export function attributeValueToString(v: AttributeValue): string {
  switch (v.type) {
    case 'string':
    case 'binary':
      return v.value;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'int64':
      return v.value.toString();
    case 'float64':
      return formatFloat(v.value);
    case 'empty':
      return '';
    case 'array':
    case 'map':
      return JSON.stringify(attributeValueToPlain(v));
  }
}

/** Go's strconv.FormatFloat(f, 'g'-like shortest, 64) as pdata uses it: 1e+21, 72.5, NaN, +Inf. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = String(f);
  return s.replace(
    /e\+?(-?)(\d+)$/,
    (_m, sign: string, exp: string) => `e${sign || '+'}${exp.padStart(2, '0')}`,
  );
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** A JSON-friendly form of a value, the way pdata's AsRaw renders nested maps and arrays. */
export function attributeValueToPlain(v: AttributeValue): Plain {
  switch (v.type) {
    case 'string':
    case 'binary':
    case 'bool':
      return v.value;
    case 'float64':
      return Number.isFinite(v.value) ? v.value : formatFloat(v.value);
    case 'int64':
      return Number.isSafeInteger(Number(v.value)) ? Number(v.value) : v.value.toString();
    case 'empty':
      return null;
    case 'array':
      return v.value.map(attributeValueToPlain);
    case 'map': {
      const out: { [key: string]: Plain } = {};
      for (const a of v.value) out[a.key] = attributeValueToPlain(a);
      return out;
    }
  }
}

export function findAttribute(attributes: readonly Attribute[], key: string): Attribute | undefined {
  for (const a of attributes) if (a.key === key) return a;
  return undefined;
}

/** Stable sort by key, as Jaeger's SortCollections adjuster does. */
export function sortAttributesByKey(attributes: readonly Attribute[]): Attribute[] {
  const out = attributes.slice();
  if (out.length > 16) return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // A span's handful of attributes: an insertion sort (stable, like Array#sort) does no calls.
  for (let i = 1; i < out.length; i++) {
    const a = out[i];
    let j = i - 1;
    while (j >= 0 && out[j].key > a.key) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = a;
  }
  return out;
}
