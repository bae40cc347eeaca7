/**
 * Which spans a find must decode, over a trace too large to keep every span decoded (byteFind.ts
 * tells which spans' bytes hold a text): the candidates for a query's text terms, less the spans
 * whose names already match, and an index that reads only the candidates' attributes.
 */
import { findColumns } from '../../core/search/findColumns';
import type { FindQuery } from '../../core/search/findInTrace';
import type { Span } from '../../core/model/trace';
import type { TraceIndex } from '../../core/tree/traceIndex';
import type { SpansUnlikeTheirBytes } from './byteFind';

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * The spans (by input position) that can match every text and attribute term of `query`, or
 * null when the query has no such term or one the byte search cannot narrow.
 */
export function candidateSpans(query: FindQuery, unlike: SpansUnlikeTheirBytes): Uint8Array | null {
  const texts: string[] = [];
  for (const term of query.terms) {
    const text = term.type === 'text' ? term.text : term.type === 'attribute' ? term.value : null;
    if (text === null) continue;
    if (text === '' || !isAscii(text)) return null;
    texts.push(text);
  }
  if (texts.length === 0) return null;
  let candidates: Uint8Array | null = null;
  for (const text of texts) {
    const hit = unlike.holding(text.toLowerCase());
    if (candidates) for (let i = 0; i < hit.length; i++) candidates[i] &= hit[i];
    else candidates = hit.slice();
  }
  return candidates;
}

/**
 * Clears the candidates (by input position) that need no decoding because every text term
 * already matches their operation or service name: the term holds whatever their attributes
 * are, and find tests those names from the tree. A search for a service or an operation then
 * decodes nothing (it decoded every span of that service). Attribute terms always need them.
 * Text terms are lower-case (findQuery.ts), as find's lower-cased names are.
 */
export function dropSpansMatchedByName(index: TraceIndex, query: FindQuery, candidates: Uint8Array): void {
  const texts: string[] = [];
  for (const term of query.terms) {
    if (term.type === 'attribute') return;
    if (term.type === 'text') texts.push(term.text);
  }
  if (texts.length === 0) return;
  const { operationsLower, servicesLower } = findColumns(index);
  const containing = (names: string[], text: string) =>
    Uint8Array.from(names, (n) => (n.includes(text) ? 1 : 0));
  const byName = texts.map((text) => ({
    operation: containing(operationsLower, text),
    service: containing(servicesLower, text),
  }));
  const { operation, service, inputIndex } = index;
  for (let row = 0; row < index.spanCount; row++) {
    const input = inputIndex[row];
    if (candidates[input] === 0) continue;
    let named = true;
    for (const hit of byName) {
      if (hit.operation[operation[row]] === 0 && hit.service[service[row]] === 0) {
        named = false;
        break;
      }
    }
    if (named) candidates[input] = 0;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** A span as find sees it when its JSON cannot match a text term: everything but attributes and events. */
class SpanWithoutAttributes implements Span {
  constructor(private readonly span: Span) {}
  get traceId() {
    return this.span.traceId;
  }
  get spanId() {
    return this.span.spanId;
  }
  get parentSpanId() {
    return this.span.parentSpanId;
  }
  get traceState() {
    return this.span.traceState;
  }
  get flags() {
    return this.span.flags;
  }
  get name() {
    return this.span.name;
  }
  get kind() {
    return this.span.kind;
  }
  get startTimeUnixNano() {
    return this.span.startTimeUnixNano;
  }
  get endTimeUnixNano() {
    return this.span.endTimeUnixNano;
  }
  get attributes() {
    return NONE;
  }
  get events() {
    return NONE;
  }
  get links() {
    return this.span.links;
  }
  get status() {
    return this.span.status;
  }
  get resource() {
    return this.span.resource;
  }
  get scope() {
    return this.span.scope;
  }
  get warnings() {
    return this.span.warnings;
  }
}

/**
 * The index with the attributes and events of non-candidate spans left out: find's tables,
 * built from it, then decode only the candidates, and answer exactly what they would have.
 */
export function indexForCandidates(index: TraceIndex, candidates: Uint8Array): TraceIndex {
  const input = index.trace.spans;
  const spans = new Array<Span>(input.length);
  for (let i = 0; i < input.length; i++) {
    spans[i] = candidates[i] === 1 ? input[i] : new SpanWithoutAttributes(input[i]);
  }
  return { ...index, trace: { ...index.trace, spans } };
}
