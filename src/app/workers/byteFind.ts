/**
 * Find in trace over a trace too large to keep every span decoded (above
 * KEEP_ALL_DECODED_UP_TO): a text or `key=value` term can only match a span's attributes or
 * events when the span's JSON holds the term's text, so the response's bytes are searched first
 * and only the spans that hold it are decoded. Other spans keep their operation, service,
 * resource and ID, which are tested as usual. Decoding every span of a million-span trace for
 * one search took 39 s; a byte search of its 846 MB takes under a second of CPU.
 *
 * Exact, not a guess: a span whose JSON has an escape (`\`), or one of the two non-ASCII letters
 * that lower-case to ASCII (İ, K), is always decoded, since its text may hold the term when its
 * bytes do not. Terms that are not ASCII, and empty values, take the general path.
 */
import type { FindQuery } from '../../core/search/findInTrace';
import type { Span } from '../../core/model/trace';
import type { TraceIndex } from '../../core/tree/traceIndex';

/** The response and where each span's JSON object is in it, by input position. */
export interface SpanByteRanges {
  bytes: Uint8Array;
  from: Float64Array;
  to: Float64Array;
}

const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

/** How often each byte occurs in a sample of the response (to search for a needle's rarest byte). */
function byteCounts(bytes: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256);
  const step = Math.max(1, Math.floor(bytes.length / (1 << 20)));
  for (let p = 0; p < bytes.length; p += step) counts[bytes[p]]++;
  return counts;
}

/**
 * Sets hit[i] for every span i whose bytes contain `needle`, ASCII letters compared without
 * case when `foldCase` (the needle is then lower-case). Walks the whole body with the platform's
 * indexOf for the needle's rarest byte, then compares the rest.
 */
export function markSpansContaining(
  ranges: SpanByteRanges,
  needle: Uint8Array,
  foldCase: boolean,
  hit: Uint8Array,
  counts: Uint32Array = byteCounts(ranges.bytes),
): void {
  const { from, to } = ranges;
  const n = from.length;
  const length = needle.length;
  if (n === 0 || length === 0) return;
  // Bounded to these spans, so that searching a slice of them does not read the rest of the body.
  const bytes = ranges.bytes.subarray(0, to[n - 1]);
  const upperOf = (b: number) => (foldCase && b >= 0x61 && b <= 0x7a ? b & ~0x20 : -1);
  let at = 0;
  let rarest = Infinity;
  for (let k = 0; k < length; k++) {
    const upper = upperOf(needle[k]);
    const count = counts[needle[k]] + (upper < 0 ? 0 : counts[upper]);
    if (count < rarest) {
      rarest = count;
      at = k;
    }
  }
  const key = needle[at];
  const keyUpper = upperOf(key);
  const begin = from[0] + at;
  const end = to[n - 1];
  let span = 0;
  let nextLower = bytes.indexOf(key, begin);
  let nextUpper = keyUpper < 0 ? -1 : bytes.indexOf(keyUpper, begin);
  for (;;) {
    const q = nextUpper < 0 || (nextLower >= 0 && nextLower < nextUpper) ? nextLower : nextUpper;
    const p = q - at;
    if (q < 0 || p + length > end) return;
    let k = 0;
    if (foldCase) while (k < length && lower(bytes[p + k]) === needle[k]) k++;
    else while (k < length && bytes[p + k] === needle[k]) k++;
    let resume = q + 1;
    if (k === length) {
      while (span < n && to[span] <= p) span++;
      if (span === n) return;
      if (from[span] <= p && p + length <= to[span]) {
        hit[span] = 1;
        // The rest of this span cannot add anything.
        resume = to[span] + at;
      }
    }
    if (nextLower >= 0 && nextLower < resume) nextLower = bytes.indexOf(key, resume);
    if (nextUpper >= 0 && nextUpper < resume) nextUpper = bytes.indexOf(keyUpper, resume);
  }
}

const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
/** Byte sequences after which a span's decoded text may differ from its bytes. */
const UNLIKE_THEIR_BYTES = [ascii('\\'), Uint8Array.of(0xc4, 0xb0), Uint8Array.of(0xe2, 0x84, 0xaa)];

/**
 * The spans whose text may hold what their bytes do not, found once per trace a slice of spans
 * at a time (in the background after the rows), or all at once when a search needs them first.
 */
export class SpansUnlikeTheirBytes {
  private readonly marked: Uint8Array;
  private next = 0;
  /** Byte frequencies of the response, for markSpansContaining. */
  readonly counts: Uint32Array;

  constructor(readonly ranges: SpanByteRanges) {
    this.marked = new Uint8Array(ranges.from.length);
    this.counts = byteCounts(ranges.bytes);
  }

  /** Marks the next `spanCount` spans; false once all are done. */
  advance(spanCount: number): boolean {
    const { bytes, from, to } = this.ranges;
    const stop = Math.min(from.length, this.next + spanCount);
    if (this.next >= stop) return false;
    const slice = { bytes, from: from.subarray(this.next, stop), to: to.subarray(this.next, stop) };
    const marked = this.marked.subarray(this.next, stop);
    for (const sequence of UNLIKE_THEIR_BYTES)
      markSpansContaining(slice, sequence, false, marked, this.counts);
    this.next = stop;
    return stop < from.length;
  }

  all(): Uint8Array {
    this.advance(Infinity);
    return this.marked;
  }
}

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
    const hit = unlike.all().slice();
    markSpansContaining(unlike.ranges, ascii(text.toLowerCase()), true, hit, unlike.counts);
    if (candidates) for (let i = 0; i < hit.length; i++) candidates[i] &= hit[i];
    else candidates = hit;
  }
  return candidates;
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
