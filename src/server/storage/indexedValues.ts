/**
 * Which attribute keys and values a store indexes, and the text it indexes them under. Shared by
 * the memory store's inverted index and the SQLite store's term index, so both narrow a search
 * the same way before spanMatches has the last word.
 */
import { attributeValueToString, type Attribute } from '../../core/model/attributes';
import { RESOURCE_KEY_PREFIX, SPECIAL_KEYS } from './spanMatcher';

/**
 * Longer attribute keys and values (SQL, stack traces) are not indexed: they would bloat the index
 * and are rarely searched for. A query with such a value falls back to testing the spans.
 */
export const MAX_INDEXED_LENGTH = 256;

/**
 * A query never looks special keys (`error`, `span.kind`, …) or `resource.`-prefixed keys up
 * among attributes, so attributes with such keys are not worth indexing.
 */
export function isIndexedKey(key: string): boolean {
  return key.length <= MAX_INDEXED_LENGTH && !SPECIAL_KEYS.has(key) && !key.startsWith(RESOURCE_KEY_PREFIX);
}

/** Texts of the small integers (status codes, ports, counts): one string each, not one per span. */
const SMALL_INTEGERS = Array.from({ length: 1024 }, (_, i) => String(i));

/** attributeValueToString, minus its slower formatting in the cases where the result is the same. */
export function indexedForm(attribute: Attribute): string {
  switch (attribute.type) {
    case 'string':
      return attribute.value;
    case 'int64': {
      const v = attribute.value;
      return v >= 0n && v < 1024n ? SMALL_INTEGERS[Number(v)] : v.toString();
    }
    case 'bool':
      return attribute.value ? 'true' : 'false';
    case 'float64': {
      // Go and JS only disagree on exponents and non-finite values.
      const text = String(attribute.value);
      return Number.isFinite(attribute.value) && !text.includes('e')
        ? text
        : attributeValueToString(attribute);
    }
    default:
      return attributeValueToString(attribute);
  }
}
