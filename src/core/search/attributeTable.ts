/**
 * Every attribute in a trace (span, event and resource attributes, plus event names) as one
 * small integer: the id of its distinct (key, value) pair.
 *
 * Why: attribute objects are scattered over the heap, and reading half a million of them costs
 * more than any test done on them. Built once per trace, on the first search that needs
 * attributes, the table lets every later search test each distinct pair once and then scan a
 * compact integer array per span, which is what keeps search-as-you-type fast on 100k-span
 * traces. Pairs are interned per key, on the raw value: most keys have few values, so most
 * lookups hit a small map that stays in cache, and a repeated number or boolean is turned into
 * text once, not once per span.
 */
import type { Attribute } from '../model/attributes';
import { attributeValueToString } from '../model/attributes';
import type { Resource, Span } from '../model/trace';
import type { TraceIndex } from '../tree/traceIndex';

/** Key id of pairs that have no key: event names, which text search matches like values. */
export const NO_KEY = 0;

type RawValue = string | number | boolean;

/**
 * What a value is interned as: itself when it is a string, number or boolean; an int64 as a
 * number while that is exact (a bigint map key costs a slow comparison on every lookup);
 * anything else as its string form. Two values that meet here always have the same string
 * form, so merging them changes no search result.
 */
function rawValue(a: Attribute): RawValue {
  switch (a.type) {
    case 'string':
    case 'binary':
    case 'bool':
    case 'float64':
      return a.value;
    case 'int64':
      return a.value >= -MAX_EXACT && a.value <= MAX_EXACT ? Number(a.value) : a.value.toString();
    default:
      return attributeValueToString(a);
  }
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export interface AttributeTable {
  /** Distinct keys by id; id 0 is NO_KEY. */
  keys: string[];
  /** Per pair: its key id and the string form of its value (what a tag search compares). */
  pairKey: Int32Array;
  pairValue: string[];
  /**
   * Pairs of the span at input position `i` (its place in trace.spans) are
   * `entries[offsets[i] … offsets[i + 1] - 1]`; those of resource `r` follow all spans', at `n + r`.
   */
  offsets: Int32Array;
  entries: Int32Array;
  /** Resource id of each span, by input position. */
  resourceOf: Int32Array;
  resourceCount: number;
  /** `pairValue` lower-cased, made on the first text search. */
  pairValueLower: string[] | null;
}

const cache = new WeakMap<TraceIndex, AttributeTable>();

export function attributeTable(index: TraceIndex): AttributeTable {
  let table = cache.get(index);
  if (!table) {
    table = new TableBuilder().build(index.trace.spans);
    cache.set(index, table);
  }
  return table;
}

export function lowerCaseValues(table: AttributeTable): string[] {
  if (!table.pairValueLower) table.pairValueLower = table.pairValue.map((v) => v.toLowerCase());
  return table.pairValueLower;
}

/** 1 for each span (by input position) that has a hit pair itself or through its resource. */
export function spansWithPair(table: AttributeTable, spanCount: number, pairHit: Uint8Array): Uint8Array {
  const { offsets, entries, resourceOf } = table;
  const anyHit = (from: number, to: number) => {
    for (let e = from; e < to; e++) if (pairHit[entries[e]] === 1) return true;
    return false;
  };
  const resourceHit = new Uint8Array(table.resourceCount);
  for (let r = 0; r < table.resourceCount; r++) {
    if (anyHit(offsets[spanCount + r], offsets[spanCount + r + 1])) resourceHit[r] = 1;
  }
  // In input order, so the integer arrays are read front to back.
  const hit = new Uint8Array(spanCount);
  for (let i = 0; i < spanCount; i++) {
    if (resourceHit[resourceOf[i]] === 1 || anyHit(offsets[i], offsets[i + 1])) hit[i] = 1;
  }
  return hit;
}

/** Where a key's pairs are interned; null once the key has shown it rarely repeats a value. */
interface KeyPairs {
  id: number;
  pairs: Map<RawValue, number> | null;
  seen: number;
}

/**
 * A key whose values are mostly distinct after this many (request IDs, timestamps) stops
 * being interned: each occurrence becomes its own pair, which a search tests just the same,
 * and the build skips the map insertions that would never be reused.
 */
const INTERN_TRIAL = 1024;

class TableBuilder {
  private readonly keys = [''];
  private readonly byKey = new Map<string, KeyPairs>([['', { id: NO_KEY, pairs: new Map(), seen: 0 }]]);
  private readonly pairKey: number[] = [];
  private readonly pairValue: string[] = [];
  private entries = new Int32Array(1024);
  private length = 0;

  build(spans: readonly Span[]): AttributeTable {
    const n = spans.length;
    const offsets: number[] = [];
    const resourceOf = new Int32Array(n);
    const resources = new Map<Resource, number>();
    const resourceList: Resource[] = [];
    let lastResource: Resource | undefined;
    let lastId = -1;
    for (let i = 0; i < n; i++) {
      const span = spans[i];
      offsets.push(this.length);
      this.addAll(span.attributes);
      for (const event of span.events) {
        this.add('', event.name, event.name);
        this.addAll(event.attributes);
      }
      if (span.resource !== lastResource) {
        lastResource = span.resource;
        const known = resources.get(span.resource);
        lastId = known ?? resourceList.length;
        if (known === undefined) {
          resources.set(span.resource, lastId);
          resourceList.push(span.resource);
        }
      }
      resourceOf[i] = lastId;
    }
    for (const resource of resourceList) {
      offsets.push(this.length);
      this.addAll(resource.attributes);
    }
    offsets.push(this.length);
    return {
      keys: this.keys,
      pairKey: Int32Array.from(this.pairKey),
      pairValue: this.pairValue,
      offsets: Int32Array.from(offsets),
      entries: this.entries.slice(0, this.length),
      resourceOf,
      resourceCount: resourceList.length,
      pairValueLower: null,
    };
  }

  private addAll(attributes: readonly Attribute[]): void {
    for (const a of attributes) {
      this.add(a.key, rawValue(a), null, a);
    }
  }

  /** Appends the pair's id; `text` is its string form when already known. */
  private add(key: string, raw: RawValue, text: string | null, attribute?: Attribute): void {
    let k = this.byKey.get(key);
    if (!k) {
      k = { id: this.keys.length, pairs: new Map(), seen: 0 };
      this.byKey.set(key, k);
      this.keys.push(key);
    }
    k.seen++;
    let id = k.pairs?.get(raw);
    if (id === undefined) {
      id = this.pairValue.length;
      this.pairKey.push(k.id);
      this.pairValue.push(text ?? (attribute ? attributeValueToString(attribute) : String(raw)));
      if (k.pairs) {
        k.pairs.set(raw, id);
        if (k.seen >= INTERN_TRIAL && k.pairs.size * 2 > k.seen) k.pairs = null;
      }
    }
    if (this.length === this.entries.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length++] = id;
  }
}
