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

import { asciiBytes } from '../../core/jaeger/jsonBytes';

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
    while (span < n && to[span] <= p) span++;
    if (span === n) return;
    // Between two spans (the ranges may be a selection of spans): on to the next one.
    let resume = from[span] + at;
    if (p >= from[span]) {
      let k = 0;
      if (foldCase) while (k < length && lower(bytes[p + k]) === needle[k]) k++;
      else while (k < length && bytes[p + k] === needle[k]) k++;
      resume = q + 1;
      if (k === length && p + length <= to[span]) {
        hit[span] = 1;
        // The rest of this span cannot add anything.
        resume = to[span] + at;
      }
    }
    if (nextLower >= 0 && nextLower < resume) nextLower = bytes.indexOf(key, resume);
    if (nextUpper >= 0 && nextUpper < resume) nextUpper = bytes.indexOf(keyUpper, resume);
  }
}

/**
 * Whether a byte sequence after which a span's decoded text may differ from its bytes starts at
 * `p`: an escape (`\`), or İ (C4 B0) or the Kelvin sign (E2 84 AA), which lower-case to ASCII.
 * Returns the sequence's length, or 0.
 */
function unlikeSequenceAt(bytes: Uint8Array, p: number, end: number): number {
  const b = bytes[p];
  if (b === 0x5c) return 1;
  if (b === 0xc4 && p + 2 <= end && bytes[p + 1] === 0xb0) return 2;
  if (b === 0xe2 && p + 3 <= end && bytes[p + 1] === 0x84 && bytes[p + 2] === 0xaa) return 3;
  return 0;
}

/**
 * Calls `visit` with each position from `begin` to `end` - 1 whose byte may start one of those
 * sequences (a backslash, C4 or E2), looking at four bytes at once: a million spans' 846 MB take
 * a few hundred ms, where a search per sequence took well over a second.
 */
function eachPossibleStart(bytes: Uint8Array, begin: number, end: number, visit: (p: number) => void): void {
  const look = (p: number) => {
    const b = bytes[p];
    if (b === 0x5c || b === 0xc4 || b === 0xe2) visit(p);
  };
  // Words start at the first 4-aligned byte of the buffer; bytes outside whole words go one by one.
  const wordsAt = (4 - (bytes.byteOffset % 4)) % 4;
  const wordCount = Math.max(0, bytes.byteLength - wordsAt) >>> 2;
  const words =
    wordCount > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + wordsAt, wordCount) : new Uint32Array(0);
  // Small integers (`| 0`), so that the loop's index is one, not a double from the ranges.
  const firstWord = Math.max(0, Math.ceil((begin - wordsAt) / 4)) | 0;
  const endWord = Math.min(words.length, Math.max(firstWord, Math.floor((end - wordsAt) / 4))) | 0;
  const wordsFrom = wordsAt + firstWord * 4;
  const wordsTo = wordsAt + endWord * 4;
  for (let p = begin; p < Math.min(end, wordsFrom); p++) look(p);
  for (let w = firstWord; w < endWord; w++) {
    // Any byte a backslash (its XOR with 0x5c is zero) or not ASCII (its top bit set).
    const word = words[w];
    const x = word ^ 0x5c5c5c5c;
    if (((((x - 0x01010101) & ~x) | word) & 0x80808080) === 0) continue;
    const at = wordsAt + w * 4;
    for (let p = at; p < at + 4; p++) look(p);
  }
  for (let p = Math.max(begin, wordsTo); p < end; p++) look(p);
}

/**
 * Where those sequences may start in a response, gathered piece by piece while it downloads
 * (IncomingBody), so that no pass over the whole body is left for after it.
 */
export class PossibleStarts {
  private positions = new Float64Array(1024);
  private length = 0;
  private upTo = 0;

  /** Looks at the bytes that arrived since the last call (`bytes` is the response so far). */
  add(bytes: Uint8Array): void {
    eachPossibleStart(bytes, this.upTo, bytes.length, (p) => {
      if (this.length === this.positions.length) {
        const grown = new Float64Array(this.length * 2);
        grown.set(this.positions);
        this.positions = grown;
      }
      this.positions[this.length++] = p;
    });
    this.upTo = bytes.length;
  }

  /** The positions found, ascending. */
  all(): Float64Array {
    return this.positions.subarray(0, this.length);
  }
}

/**
 * The spans whose text may hold what their bytes do not, found once per trace a slice of spans
 * at a time (in the background after the rows), or all at once when a search needs them first.
 * When the positions where the sequences may start were gathered during the download, this
 * only walks them; otherwise it reads the bytes (eachPossibleStart).
 */
export class SpansUnlikeTheirBytes {
  private readonly marked: Uint8Array;
  private next = 0;
  /** Next of `starts` to look at. */
  private nextStart = 0;
  /** Byte frequencies of the response, for markSpansContaining. */
  readonly counts: Uint32Array;

  constructor(
    readonly ranges: SpanByteRanges,
    /** Every position of the response that may start a sequence, ascending (PossibleStarts). */
    private readonly starts: Float64Array | null = null,
  ) {
    this.marked = new Uint8Array(ranges.from.length);
    this.counts = byteCounts(ranges.bytes);
  }

  /** Marks the next `spanCount` spans; false once all are done. */
  advance(spanCount: number): boolean {
    const { bytes, from, to } = this.ranges;
    const { marked, starts } = this;
    const first = this.next;
    const stop = Math.min(from.length, first + spanCount);
    if (first >= stop) return false;
    this.next = stop;
    let span = first;
    /** Marks the span in which a sequence starting at `p` lies wholly, if any. */
    const look = (p: number) => {
      while (span < stop && to[span] <= p) span++;
      if (span < stop && from[span] <= p && unlikeSequenceAt(bytes, p, to[span]) > 0) marked[span] = 1;
    };
    const end = to[stop - 1];
    if (!starts) {
      eachPossibleStart(bytes, from[first], end, look);
    } else {
      while (this.nextStart < starts.length && starts[this.nextStart] < end) look(starts[this.nextStart++]);
    }
    return stop < from.length;
  }

  all(): Uint8Array {
    this.advance(Infinity);
    return this.marked;
  }

  /** Spans holding a text, by the text: the last few searched, for find as you type. */
  private readonly holdingByText = new Map<string, Uint8Array>();

  /**
   * The spans (by input position) whose bytes hold `text` (lower-case ASCII), without case, or
   * whose text may differ from their bytes. Not to be changed by the caller. A text that extends
   * one searched lately is looked for only in the spans that held that one: typing `cust-42`
   * after `cust` reads those spans' bytes, not the whole response again.
   */
  holding(text: string): Uint8Array {
    let hit = this.holdingByText.get(text);
    if (!hit) {
      // The spans of the longest text searched lately that is part of this one.
      let within: Uint8Array | null = null;
      let longest = -1;
      for (const [searched, spans] of this.holdingByText) {
        if (searched.length > longest && text.includes(searched)) {
          within = spans;
          longest = searched.length;
        }
      }
      hit = within ? this.holdingWithin(within, text) : this.holdingAnywhere(text);
    }
    this.holdingByText.delete(text);
    this.holdingByText.set(text, hit);
    for (const oldest of this.holdingByText.keys()) {
      if (this.holdingByText.size <= REMEMBERED_TEXTS) break;
      this.holdingByText.delete(oldest);
    }
    return hit;
  }

  /**
   * About what share of the spans hold `text` (lower-case ASCII), from a sample of a few hundred
   * spans spread over the response.
   */
  shareHolding(text: string): number {
    const { bytes, from, to } = this.ranges;
    const n = from.length;
    const step = Math.max(1, Math.floor(n / SAMPLE));
    const picked = Int32Array.from({ length: Math.ceil(n / step) }, (_, k) => k * step);
    const selection = {
      bytes,
      from: Float64Array.from(picked, (i) => from[i]),
      to: Float64Array.from(picked, (i) => to[i]),
    };
    const hit = new Uint8Array(picked.length);
    markSpansContaining(selection, asciiBytes(text), true, hit, this.counts);
    return picked.length === 0 ? 0 : hit.reduce((sum, h) => sum + h, 0) / picked.length;
  }

  private holdingAnywhere(text: string): Uint8Array {
    const hit = this.all().slice();
    markSpansContaining(this.ranges, asciiBytes(text), true, hit, this.counts);
    return hit;
  }

  /** As holdingAnywhere, among the spans set in `within` (which hold a part of `text`). */
  private holdingWithin(within: Uint8Array, text: string): Uint8Array {
    const { bytes, from, to } = this.ranges;
    const marked = this.all();
    let count = 0;
    for (let i = 0; i < within.length; i++) count += within[i];
    const spans = new Int32Array(count);
    for (let i = 0, j = 0; i < within.length; i++) if (within[i] === 1) spans[j++] = i;
    const selection = {
      bytes,
      from: Float64Array.from(spans, (i) => from[i]),
      to: Float64Array.from(spans, (i) => to[i]),
    };
    const selectedHit = Uint8Array.from(spans, (i) => marked[i]);
    markSpansContaining(selection, asciiBytes(text), true, selectedHit, this.counts);
    const hit = new Uint8Array(within.length);
    for (let j = 0; j < spans.length; j++) hit[spans[j]] = selectedHit[j];
    return hit;
  }
}

/** Spans SpansUnlikeTheirBytes.shareHolding looks at. */
const SAMPLE = 512;

/** Texts whose spans SpansUnlikeTheirBytes.holding keeps (a byte per span each). */
const REMEMBERED_TEXTS = 8;
