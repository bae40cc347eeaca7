/**
 * Attribute values as columns over a trace's rows, for grouping (statistics) and for the extra
 * columns of the spans table. A span attribute wins over a resource attribute of the same key,
 * the way a person reads "the span's http.route": set on the span, or else on its process.
 */
import { attributeValueToString, findAttribute } from '../model/attributes';
import type { Resource } from '../model/trace';
import type { TraceIndex } from '../tree/traceIndex';

/** Distinct values of one key, and which one each row has. */
export interface AttributeColumn {
  key: string;
  /** Index into `values` per row; -1 where the span (and its resource) lacks the key. */
  ids: Int32Array;
  /** Distinct values as text, in first-seen display order. */
  values: string[];
}

export function attributeColumn(index: TraceIndex, key: string): AttributeColumn {
  const n = index.spans.length;
  const ids = new Int32Array(n);
  const values: string[] = [];
  const idOf = new Map<string, number>();
  const intern = (text: string) => {
    let id = idOf.get(text);
    if (id === undefined) {
      id = values.length;
      idOf.set(text, id);
      values.push(text);
    }
    return id;
  };
  // Spans of one batch share a resource: its value is looked up once per resource object.
  const fromResource = new Map<Resource, string | null>();
  for (let row = 0; row < n; row++) {
    const span = index.spans[row];
    const own = findAttribute(span.attributes, key);
    let text: string | null;
    if (own) text = attributeValueToString(own);
    else {
      const known = fromResource.get(span.resource);
      if (known !== undefined) text = known;
      else {
        const attribute = findAttribute(span.resource.attributes, key);
        text = attribute ? attributeValueToString(attribute) : null;
        fromResource.set(span.resource, text);
      }
    }
    ids[row] = text === null ? -1 : intern(text);
  }
  return { key, ids, values };
}

export interface AttributeKey {
  key: string;
  /** Spans that carry the key themselves. */
  spanCount: number;
  /** Spans whose resource carries it. */
  resourceCount: number;
}

/**
 * Every attribute key of the trace's spans and resources, with how many spans have it, sorted
 * by key: the choices of a "group by attribute" or "add a column" picker.
 */
export function attributeKeys(index: TraceIndex): AttributeKey[] {
  const keys = new Map<string, AttributeKey>();
  const entry = (key: string) => {
    let k = keys.get(key);
    if (!k) {
      k = { key, spanCount: 0, resourceCount: 0 };
      keys.set(key, k);
    }
    return k;
  };
  const spansPerResource = new Map<Resource, number>();
  for (const span of index.spans) {
    // An attribute repeated on one span (malformed, but seen) counts the span once.
    let previous = '';
    for (const a of span.attributes) {
      if (a.key !== previous) entry(a.key).spanCount++;
      previous = a.key;
    }
    spansPerResource.set(span.resource, (spansPerResource.get(span.resource) ?? 0) + 1);
  }
  for (const [resource, count] of spansPerResource) {
    const seen = new Set<string>();
    for (const a of resource.attributes) {
      if (seen.has(a.key)) continue;
      seen.add(a.key);
      entry(a.key).resourceCount += count;
    }
  }
  return [...keys.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
