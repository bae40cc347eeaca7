/**
 * The keys of the memory store's inverted index: which keys a span is filed under, and which keys
 * a search may use to narrow its candidates. Both rules live here because they must agree: for
 * every span the matcher accepts, each key the query names must be among the span's keys.
 * (The converse need not hold — the index may over-select, the matcher has the last word — so
 * an accidental collision between two keys only costs time, never a wrong answer.)
 */
import { attributeValueToString, type Attribute } from '../../../core/model/attributes';
import { StatusCode, type Resource, type Scope, type Span } from '../../../core/model/trace';
import { RESOURCE_KEY_PREFIX, SPECIAL_KEYS, type CompiledSpanCriteria } from '../spanMatcher';

/**
 * Longer values are not indexed: they would bloat the key map and are rarely searched for.
 * A query with a longer value simply does not use the index for that criterion.
 */
export const MAX_INDEXED_LENGTH = 256;

const SEP = '\u0000';

export function serviceKey(service: string): string {
  return `s${SEP}${service}`;
}

export function operationKey(service: string, operation: string): string {
  return `o${SEP}${service}${SEP}${operation}`;
}

/** For operation searches across all services. */
export function operationNameKey(operation: string): string {
  return `n${SEP}${operation}`;
}

export function attributeKey(key: string, value: string): string {
  return `a${SEP}${key}${SEP}${value}`;
}

export function scopeNameKey(name: string): string {
  return `c${SEP}${name}`;
}

export function scopeVersionKey(version: string): string {
  return `v${SEP}${version}`;
}

/** Traces with an ERROR span: rare, so `error=true` searches get a short candidate list. */
export const ERROR_STATUS_KEY = 'e';

/**
 * A query never looks up special keys (`error`, `span.kind`, …) or `resource.`-prefixed keys among
 * attributes, so attributes with those keys are not worth indexing.
 */
export function isIndexedAttribute(key: string, value: string): boolean {
  return (
    value.length <= MAX_INDEXED_LENGTH &&
    key.length <= MAX_INDEXED_LENGTH &&
    !SPECIAL_KEYS.has(key) &&
    !key.startsWith(RESOURCE_KEY_PREFIX)
  );
}

function pushAttributeKeys(attributes: readonly Attribute[], out: string[]): void {
  for (const attribute of attributes) {
    const value = attributeValueToString(attribute);
    if (isIndexedAttribute(attribute.key, value)) out.push(attributeKey(attribute.key, value));
  }
}

/**
 * Derives span keys. Spans of one export batch share their Resource and Scope objects, so the
 * keys of those are computed once per object instead of once per span.
 */
export class SpanKeyDeriver {
  private resourceKeys = new WeakMap<Resource, readonly string[]>();
  private scopeKeys = new WeakMap<Scope, readonly string[]>();

  /** Replaces `out`'s contents with the span's keys (duplicates possible). */
  collect(span: Span, out: string[]): void {
    out.length = 0;
    const service = span.resource.serviceName;
    out.push(operationKey(service, span.name), operationNameKey(span.name));
    if (span.status.code === StatusCode.Error) out.push(ERROR_STATUS_KEY);
    pushAttributeKeys(span.attributes, out);
    for (const event of span.events) pushAttributeKeys(event.attributes, out);
    for (const link of span.links) pushAttributeKeys(link.attributes, out);
    for (const key of this.keysOfResource(span.resource)) out.push(key);
    for (const key of this.keysOfScope(span.scope)) out.push(key);
  }

  clear(): void {
    this.resourceKeys = new WeakMap();
    this.scopeKeys = new WeakMap();
  }

  private keysOfResource(resource: Resource): readonly string[] {
    let keys = this.resourceKeys.get(resource);
    if (keys === undefined) {
      const out = [serviceKey(resource.serviceName)];
      pushAttributeKeys(resource.attributes, out);
      keys = out;
      this.resourceKeys.set(resource, keys);
    }
    return keys;
  }

  private keysOfScope(scope: Scope): readonly string[] {
    let keys = this.scopeKeys.get(scope);
    if (keys === undefined) {
      const out: string[] = [];
      if (scope.name.length <= MAX_INDEXED_LENGTH) out.push(scopeNameKey(scope.name));
      if (scope.version.length <= MAX_INDEXED_LENGTH) out.push(scopeVersionKey(scope.version));
      pushAttributeKeys(scope.attributes, out);
      keys = out;
      this.scopeKeys.set(scope, keys);
    }
    return keys;
  }
}

/**
 * The keys whose traces are a superset of the query's matches. Empty when nothing in the query
 * is indexed (e.g. only time or duration bounds): the caller then walks every trace.
 */
export function queryIndexKeys(c: CompiledSpanCriteria): string[] {
  const keys: string[] = [];
  if (c.serviceName !== '') {
    // The (service, operation) traces are a subset of the service's, so one key is enough.
    keys.push(
      c.operationName !== '' ? operationKey(c.serviceName, c.operationName) : serviceKey(c.serviceName),
    );
  } else if (c.operationName !== '') {
    keys.push(operationNameKey(c.operationName));
  }
  if (c.isError === true || c.status === StatusCode.Error) keys.push(ERROR_STATUS_KEY);
  if (c.scopeName !== undefined && c.scopeName.length <= MAX_INDEXED_LENGTH)
    keys.push(scopeNameKey(c.scopeName));
  if (c.scopeVersion !== undefined && c.scopeVersion.length <= MAX_INDEXED_LENGTH) {
    keys.push(scopeVersionKey(c.scopeVersion));
  }
  // Resource attributes are filed under the same keys as span attributes: a superset again.
  for (const { key, value } of c.resourceAttributes) {
    if (isIndexedAttribute(key, value)) keys.push(attributeKey(key, value));
  }
  for (const { key, value } of c.anyAttributes) {
    if (isIndexedAttribute(key, value)) keys.push(attributeKey(key, value));
  }
  return keys;
}
