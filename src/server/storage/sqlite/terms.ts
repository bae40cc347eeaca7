/**
 * The SQLite store's search index speaks in terms. A chunk (the spans of one trace from one write)
 * has one term per service, and one per operation, span kind, status, scope and indexed attribute
 * value *of each service*: a term is scoped by the service of the span that carries it. A search
 * for a service and a tag therefore finds chunks where one span of that service has the tag,
 * not chunks where any span has it, which is what Jaeger searches ask for most.
 *
 * Each term is hashed into a short token for an FTS5 table, which keeps a compact, append-friendly
 * posting list per token and intersects them fast. A search without a service asks for the term
 * under any service (an OR over the services seen).
 *
 * The same rule as the memory store's inverted index holds: for every span the matcher accepts,
 * each term of the query is a term of that span's chunk. A hash collision, or terms met by
 * different spans of a chunk, only over-select; spanMatches has the last word.
 */
import type { Attribute } from '../../../core/model/attributes';
import { StatusCode, type Resource, type Scope, type Span } from '../../../core/model/trace';
import { indexedForm, isIndexedKey, MAX_INDEXED_LENGTH } from '../indexedValues';
import type { CompiledSpanCriteria } from '../spanMatcher';

// One letter per kind of term, so that `service=x` and an operation named x stay apart.
const SERVICE = 's';
const OPERATION = 'o';
const KIND = 'k';
const STATUS = 'x';
const SCOPE_NAME = 'n';
const SCOPE_VERSION = 'v';
const ATTRIBUTE = 'a';

/**
 * A 53-bit hash of the term, written in base 36 behind a 't' so that FTS5's ascii tokenizer sees
 * exactly one token. Two independent 32-bit multiply-xorshift lanes make 53 bits; at 53 bits a
 * collision among even a billion distinct terms is unlikely, and one only costs a wasted check.
 */
export function termToken(term: string): string {
  let a = 0x2545f491;
  let b = 0x6b43a9b5;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 15;
  b = Math.imul(b, 0x2c1b3c6d);
  b ^= b >>> 12;
  return `t${((b & 0x1fffff) * 0x100000000 + (a >>> 0)).toString(36)}`;
}

/** The token of a term of `kind` with `key` (attributes only) and `value`, under `service`. */
function scopedToken(service: string, kind: string, key: string, value: string): string {
  if (kind === SERVICE) return termToken(SERVICE + value);
  return termToken(`${service}\u0000${kind}${key}\u0000${value}`);
}

const MAX_CACHED_TOKENS = 200_000;

/**
 * Tokens of recent terms. Most values repeat from span to span (services, operations, HTTP
 * methods, status codes), and hashing them anew was the larger part of indexing a span. Keyed by
 * service, kind, key and value, so a lookup builds no string. Cleared when it grows too large,
 * which high-cardinality values (request IDs) would otherwise make it.
 */
class TokenCache {
  private readonly tokens = new Map<string, Map<string, Map<string, Map<string, string>>>>();
  private size = 0;

  token(service: string, kind: string, key: string, value: string): string {
    let byKind = this.tokens.get(service);
    if (byKind === undefined) this.tokens.set(service, (byKind = new Map()));
    let byKey = byKind.get(kind);
    if (byKey === undefined) byKind.set(kind, (byKey = new Map()));
    let byValue = byKey.get(key);
    if (byValue === undefined) byKey.set(key, (byValue = new Map()));
    let token = byValue.get(value);
    if (token === undefined) {
      if (++this.size > MAX_CACHED_TOKENS) {
        this.tokens.clear();
        this.size = 0;
      }
      token = scopedToken(service, kind, key, value);
      byValue.set(value, token);
    }
    return token;
  }
}

const cache = new TokenCache();

function addAttributeTokens(tokens: Set<string>, service: string, attributes: readonly Attribute[]): void {
  for (const attribute of attributes) {
    if (!isIndexedKey(attribute.key)) continue;
    const value = indexedForm(attribute);
    if (value.length <= MAX_INDEXED_LENGTH) tokens.add(cache.token(service, ATTRIBUTE, attribute.key, value));
  }
}

/**
 * Tokens of a resource, and of a scope under a service. Spans of one batch share these objects
 * across its traces, so their tokens are worked out once per batch rather than once per chunk.
 */
const resourceTokens = new WeakMap<Resource, string[]>();
const scopeTokens = new WeakMap<Scope, Map<string, string[]>>();

function tokensOfResource(resource: Resource): string[] {
  let tokens = resourceTokens.get(resource);
  if (tokens === undefined) {
    const service = resource.serviceName;
    const set = new Set([cache.token(service, SERVICE, '', service)]);
    addAttributeTokens(set, service, resource.attributes);
    resourceTokens.set(resource, (tokens = [...set]));
  }
  return tokens;
}

function tokensOfScope(scope: Scope, service: string): string[] {
  let byService = scopeTokens.get(scope);
  if (byService === undefined) scopeTokens.set(scope, (byService = new Map()));
  let tokens = byService.get(service);
  if (tokens === undefined) {
    const set = new Set<string>();
    if (scope.name.length <= MAX_INDEXED_LENGTH) set.add(cache.token(service, SCOPE_NAME, '', scope.name));
    if (scope.version.length <= MAX_INDEXED_LENGTH) {
      set.add(cache.token(service, SCOPE_VERSION, '', scope.version));
    }
    addAttributeTokens(set, service, scope.attributes);
    byService.set(service, (tokens = [...set]));
  }
  return tokens;
}

/** The space-separated tokens of a chunk, for the FTS5 table. */
export function chunkTokens(spans: readonly Span[]): string {
  const tokens = new Set<string>();
  let lastResource: Resource | undefined;
  let lastScope: Scope | undefined;
  for (const span of spans) {
    const { resource, scope } = span;
    const service = resource.serviceName;
    // Neighbouring spans mostly share both; a repeat adds nothing to the set anyway.
    if (resource !== lastResource || scope !== lastScope) {
      for (const t of tokensOfResource(resource)) tokens.add(t);
      for (const t of tokensOfScope(scope, service)) tokens.add(t);
      lastResource = resource;
      lastScope = scope;
    }
    tokens.add(cache.token(service, OPERATION, '', span.name));
    tokens.add(cache.token(service, KIND, '', String(span.kind)));
    tokens.add(cache.token(service, STATUS, '', String(span.status.code)));
    addAttributeTokens(tokens, service, span.attributes);
    for (const event of span.events) addAttributeTokens(tokens, service, event.attributes);
    for (const link of span.links) addAttributeTokens(tokens, service, link.attributes);
  }
  return [...tokens].join(' ');
}

/** A term of a query, not yet tied to a service. */
interface QueryTerm {
  kind: string;
  key: string;
  value: string;
}

function queryTerms(c: CompiledSpanCriteria): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const add = (kind: string, value: string, key = '') => terms.push({ kind, key, value });
  if (c.operationName !== '') add(OPERATION, c.operationName);
  if (c.isError === true) add(STATUS, String(StatusCode.Error));
  if (c.status !== undefined) add(STATUS, String(c.status));
  if (c.kind !== undefined) add(KIND, String(c.kind));
  if (c.scopeName !== undefined && c.scopeName.length <= MAX_INDEXED_LENGTH) add(SCOPE_NAME, c.scopeName);
  if (c.scopeVersion !== undefined && c.scopeVersion.length <= MAX_INDEXED_LENGTH) {
    add(SCOPE_VERSION, c.scopeVersion);
  }
  // Resource attributes are filed with all the others: a superset again.
  for (const { key, value } of [...c.resourceAttributes, ...c.anyAttributes]) {
    if (isIndexedKey(key) && value.length <= MAX_INDEXED_LENGTH) add(ATTRIBUTE, value, key);
  }
  return terms;
}

const quoted = (token: string) => `"${token}"`;

/**
 * The FTS5 MATCH expression every chunk holding a matching span satisfies, or null when nothing
 * in the query is indexed (then the chunks are walked without the term index). Without a service,
 * each term may be met under any of `services` (and the empty service name, which no catalog
 * lists).
 */
export function criteriaMatch(c: CompiledSpanCriteria, services: () => readonly string[]): string | null {
  const terms = queryTerms(c);
  if (c.serviceName !== '') {
    const tokens = [scopedToken(c.serviceName, SERVICE, '', c.serviceName)];
    for (const t of terms) tokens.push(scopedToken(c.serviceName, t.kind, t.key, t.value));
    return [...new Set(tokens)].map(quoted).join(' AND ');
  }
  if (terms.length === 0) return null;
  const anyService = ['', ...services()];
  return terms
    .map((t) => `(${anyService.map((s) => quoted(scopedToken(s, t.kind, t.key, t.value))).join(' OR ')})`)
    .join(' AND ');
}
