/**
 * The memory store's inverted index: for each service, operation name, scope, span kind, status
 * code and attribute value, the traces (by insertion sequence number) with a span that has it.
 *
 * One rule holds it together: for every span the matcher accepts, each value a query looks up
 * here must list that span's trace. The index may over-select (resource attributes share the
 * attribute maps, service and operation are indexed separately); spanMatches has the last word.
 *
 * It is kept exact on write and on eviction, so a value whose traces are all gone disappears
 * with them: high-cardinality values (request IDs, URLs) must not pile up.
 */
import type { Attribute } from '../../../core/model/attributes';
import { StatusCode, type Resource, type Scope, type Span } from '../../../core/model/trace';
import { indexedForm, isIndexedKey, MAX_INDEXED_LENGTH } from '../indexedValues';
import type { CompiledSpanCriteria } from '../spanMatcher';
import { addPosting, asPostingList, PostingList, removeOldestPosting, type Postings } from './postingList';

type ValueMap = Map<string, Postings>;

const KIND_COUNT = 6;
const STATUS_COUNT = 3;

function emptyLists(count: number): PostingList[] {
  return Array.from({ length: count }, () => PostingList.of());
}

function nonEmpty(list: PostingList | undefined): PostingList | undefined {
  return list !== undefined && list.length > 0 ? list : undefined;
}

const MAX_FILED_SHARED = 16;

/** Whether `shared` still has to be filed for this trace; remembers it if there is room. */
function firstFiling(filed: (Resource | Scope)[], shared: Resource | Scope): boolean {
  // A loop the compiler inlines: `includes` is a builtin call, made twice per span.
  for (let i = 0; i < filed.length; i++) if (filed[i] === shared) return false;
  if (filed.length < MAX_FILED_SHARED) filed.push(shared);
  return true;
}

export class InvertedIndex {
  private readonly services: ValueMap = new Map();
  /** By operation name alone; a search with a service intersects it with the service's traces. */
  private readonly operations: ValueMap = new Map();
  private readonly scopeNames: ValueMap = new Map();
  private readonly scopeVersions: ValueMap = new Map();
  /** Attribute key → string form → traces, for span, resource, scope, event and link attributes. */
  private readonly attributes = new Map<string, ValueMap>();
  /**
   * By span kind and by status code. Most traces land in the common lists, but a search for a
   * rare kind or status (`span.kind=consumer`, `error=true`) then gets a short candidate list
   * instead of testing every span of every trace.
   */
  private byKind = emptyLists(KIND_COUNT);
  private byStatus = emptyLists(STATUS_COUNT);
  /**
   * Resources and scopes already filed for the trace at hand: its spans share them. A short
   * array beats a Set here (identity hashing is slow), and the cap keeps a trace whose every
   * span brings its own Resource object from turning the scan quadratic.
   */
  private readonly filedShared: (Resource | Scope)[] = [];

  addSpans(spans: readonly Span[], seq: number): void {
    this.file(spans, seq, true);
  }

  /** Only valid for the oldest stored trace, which is at the front of every list it is in. */
  removeOldestTrace(spans: readonly Span[], seq: number): void {
    this.file(spans, seq, false);
  }

  /**
   * Lists whose traces include every match of the criteria, or null when one of them is empty
   * (nothing can match). An empty array means nothing in the query is indexed.
   */
  candidateLists(c: CompiledSpanCriteria): PostingList[] | null {
    const lists: PostingList[] = [];
    const take = (postings: Postings | undefined): boolean => {
      if (postings !== undefined) lists.push(asPostingList(postings));
      return postings !== undefined;
    };
    if (c.serviceName !== '' && !take(this.services.get(c.serviceName))) return null;
    if (c.operationName !== '' && !take(this.operations.get(c.operationName))) return null;
    if (c.isError === true && !take(nonEmpty(this.byStatus[StatusCode.Error]))) return null;
    if (c.status !== undefined && !take(nonEmpty(this.byStatus[c.status]))) return null;
    if (c.kind !== undefined && !take(nonEmpty(this.byKind[c.kind]))) return null;
    if (c.scopeName !== undefined && c.scopeName.length <= MAX_INDEXED_LENGTH) {
      if (!take(this.scopeNames.get(c.scopeName))) return null;
    }
    if (c.scopeVersion !== undefined && c.scopeVersion.length <= MAX_INDEXED_LENGTH) {
      if (!take(this.scopeVersions.get(c.scopeVersion))) return null;
    }
    // Resource attributes are filed with all the others: a superset again.
    for (const { key, value } of [...c.resourceAttributes, ...c.anyAttributes]) {
      if (!isIndexedKey(key) || value.length > MAX_INDEXED_LENGTH) continue;
      if (!take(this.attributes.get(key)?.get(value))) return null;
    }
    return lists;
  }

  /** Distinct indexed values, kinds and statuses in use included: eviction must leave none behind. */
  get valueCount(): number {
    let count = this.services.size + this.operations.size + this.scopeNames.size + this.scopeVersions.size;
    for (const values of this.attributes.values()) count += values.size;
    for (const list of [...this.byKind, ...this.byStatus]) if (list.length > 0) count++;
    return count;
  }

  clear(): void {
    for (const map of [this.services, this.operations, this.scopeNames, this.scopeVersions]) map.clear();
    this.attributes.clear();
    this.byKind = emptyLists(KIND_COUNT);
    this.byStatus = emptyLists(STATUS_COUNT);
  }

  /** Adding and removing walk the same values, so they cannot drift apart. */
  private file(spans: readonly Span[], seq: number, adding: boolean): void {
    const onValue = adding ? addPosting : removeOldestPosting;
    const filed = this.filedShared;
    filed.length = 0;
    for (const span of spans) {
      const { resource, scope } = span;
      if (firstFiling(filed, resource)) {
        onValue(this.services, resource.serviceName, seq);
        this.fileAttributes(resource.attributes, seq, adding);
      }
      if (firstFiling(filed, scope)) {
        if (scope.name.length <= MAX_INDEXED_LENGTH) onValue(this.scopeNames, scope.name, seq);
        if (scope.version.length <= MAX_INDEXED_LENGTH) onValue(this.scopeVersions, scope.version, seq);
        this.fileAttributes(scope.attributes, seq, adding);
      }
      onValue(this.operations, span.name, seq);
      // Codes outside the enum can come from the wire; no query can ask for them.
      const byKind = this.byKind[span.kind];
      const byStatus = this.byStatus[span.status.code];
      if (adding) {
        byKind?.add(seq);
        byStatus?.add(seq);
      } else {
        byKind?.removeOldest(seq);
        byStatus?.removeOldest(seq);
      }
      this.fileAttributes(span.attributes, seq, adding);
      for (const event of span.events) this.fileAttributes(event.attributes, seq, adding);
      for (const link of span.links) this.fileAttributes(link.attributes, seq, adding);
    }
    filed.length = 0;
  }

  private fileAttributes(attributes: readonly Attribute[], seq: number, adding: boolean): void {
    for (const attribute of attributes) {
      const key = attribute.key;
      // Only indexed keys ever get a map, so a hit spares the key check.
      let values = this.attributes.get(key);
      if (values === undefined && !(adding && isIndexedKey(key))) continue;
      const value = indexedForm(attribute);
      if (value.length > MAX_INDEXED_LENGTH) continue;
      if (values === undefined) {
        values = new Map();
        this.attributes.set(key, values);
      }
      if (adding) {
        addPosting(values, value, seq);
      } else {
        removeOldestPosting(values, value, seq);
        if (values.size === 0) this.attributes.delete(key);
      }
    }
  }
}
