/**
 * Find's attribute tests over a trace too large to keep every span decoded (above
 * KEEP_ALL_DECODED_UP_TO), from the response's bytes: byteFind.ts tells which spans' bytes hold
 * a term's text, core/jaeger/spanJsonTerms.ts reads each of those spans' bytes to tell whether
 * the text is in an attribute key, a value or an event name; a span it cannot decide (odd
 * shapes) is decoded and tested. Resources are tested once each.
 *
 * Why: the AttributeTable needs every span decoded, and decoding is ~16 µs a span; the byte
 * search and the reading of a span's bytes take a few µs, and only the spans holding the text
 * are read. A common word (`cust` in every span of the benchmark trace) went from tens of
 * seconds to a few at a million spans.
 */
import { isPrintableAscii } from '../../core/jaeger/jsonBytes';
import { SpanJsonReader, SpanJsonVerdict, type SpanJsonTerm } from '../../core/jaeger/spanJsonTerms';
import type { Attribute } from '../../core/model/attributes';
import type { Resource, Span } from '../../core/model/trace';
import {
  attributesHave,
  attributesHoldText,
  spanHasAttribute,
  spanHoldsText,
} from '../../core/search/attributeTests';
import type { AttributeMatcher } from '../../core/search/spanMatchers';
import type { TraceIndex } from '../../core/tree/traceIndex';
import type { SpansUnlikeTheirBytes } from './byteFind';
import { utf8 } from './utf8';

/** Above this share of spans holding a text, its byte search is skipped. */
const MOSTLY = 0.6;
/** Marks a span asked about, before it is answered. */
const ASKED = 2;

export class ByteAttributeMatcher implements AttributeMatcher {
  private readonly reader: SpanJsonReader;

  constructor(
    private readonly index: TraceIndex,
    private readonly unlike: SpansUnlikeTheirBytes,
  ) {
    this.reader = new SpanJsonReader(unlike.ranges.bytes, utf8);
  }

  withText(text: string, rows: Int32Array): Uint8Array {
    return this.answer(
      rows,
      text,
      { type: 'text', text },
      (attributes) => attributesHoldText(attributes, text),
      (span) => spanHoldsText(span, text),
    );
  }

  withAttribute(key: string, value: string, rows: Int32Array): Uint8Array {
    return this.answer(
      rows,
      value.toLowerCase(),
      { type: 'attribute', key, value },
      (attributes) => attributesHave(attributes, key, value),
      (span) => spanHasAttribute(span, key, value),
    );
  }

  /**
   * The spans whose bytes hold `text` (or may, written with escapes); every span when most of
   * them do: reading a span's bytes costs about twice what searching them does, so searching
   * first only pays when it rules out half of the spans or more.
   */
  private spansHolding(text: string): Uint8Array {
    if (this.unlike.shareHolding(text) < MOSTLY) return this.unlike.holding(text);
    return new Uint8Array(this.index.spanCount).fill(1);
  }

  /**
   * Spans whose bytes do not hold `text` (lower-case; the value of an attribute term) cannot
   * hold the term; an ASCII text is what the byte search and the reading of bytes need, any
   * other decodes every span asked about.
   */
  private answer(
    rows: Int32Array,
    text: string,
    term: SpanJsonTerm,
    resourceHolds: (attributes: readonly Attribute[]) => boolean,
    spanHolds: (span: Span) => boolean,
  ): Uint8Array {
    const { inputIndex } = this.index;
    const spans = this.index.trace.spans;
    // In input order: the spans' bytes are then read front to back.
    const hit = new Uint8Array(inputIndex.length);
    for (const row of rows) hit[inputIndex[row]] = ASKED;
    const readable =
      text !== '' && isPrintableAscii(text) && (term.type === 'text' || isPrintableAscii(term.value));
    const holding = readable ? this.spansHolding(text) : null;
    const { from, to } = this.unlike.ranges;
    const resources = new Map<Resource, boolean>();
    let lastResource: Resource | null = null;
    let byResource = false;
    for (let input = 0; input < hit.length; input++) {
      if (hit[input] !== ASKED) continue;
      hit[input] = 0;
      const span = spans[input];
      const resource = span.resource;
      if (resource !== lastResource) {
        lastResource = resource;
        const known = resources.get(resource);
        byResource = known ?? resourceHolds(resource.attributes);
        if (known === undefined) resources.set(resource, byResource);
      }
      if (byResource) hit[input] = 1;
      else if (holding === null) hit[input] = spanHolds(span) ? 1 : 0;
      else if (holding[input] === 1) {
        const verdict = this.reader.verdict(from[input], to[input], term);
        if (verdict === SpanJsonVerdict.Yes || (verdict === SpanJsonVerdict.Unsure && spanHolds(span)))
          hit[input] = 1;
      }
    }
    return hit;
  }
}
