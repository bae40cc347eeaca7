/**
 * Whether a find term is in a span's own attributes or events, read from the span's Jaeger JSON
 * bytes without decoding the span: the way spanFromJaeger reads `tags` (less the tags it turns
 * into span fields) and `logs[].fields` (the first `event` field is the event's name).
 *
 * Why: over a trace too large to keep every span decoded, find searches the response's bytes for
 * a term's text first (app/workers/byteFind.ts). A common word (`cust`, `string`, `http`) is in
 * nearly every span's bytes, and decoding every span that holds it took tens of seconds at a
 * million spans; reading the bytes of one takes a few microseconds.
 *
 * Exact or unsure, never wrong. Plain strings (ASCII without escapes) are compared byte by byte,
 * ASCII letters without case; any other string is made into text and compared as find compares
 * text. Whatever this reading does not follow the way JSON.parse and spanFromJaeger would (a
 * property written twice, which JSON.parse resolves to the last; a value that is an object or an
 * array; a tag list item that is not an object; an attribute without a value; a truncated span,
 * unbalanced brackets, a literal or escape JSON.parse refuses where its text is needed) answers Unsure, and the caller
 * decodes the span. The span's JSON is taken to be otherwise well formed, as the scan read it:
 * commas are not checked, and a span JSON.parse would refuse for them fails when decoded.
 */
import {
  endsScalar,
  KeyValueBytes,
  LITERAL,
  QUOTE,
  same,
  Unsure,
  unsure,
  WRITTEN,
  type SpanJsonTerm,
} from './spanJsonKeyValue';
import { isSpace } from './jsonBytes';

export type { SpanJsonTerm } from './spanJsonKeyValue';

export const SpanJsonVerdict = { No: 0, Yes: 1, Unsure: 2 } as const;
export type SpanJsonVerdict = (typeof SpanJsonVerdict)[keyof typeof SpanJsonVerdict];

// What the bytes being read are, by nesting level.
const SPAN = 0;
const TAGS = 1;
const TAG = 2;
const LOGS = 3;
const LOG = 4;
const FIELDS = 5;
const FIELD = 6;
/** Anything spanFromJaeger does not read attributes from. */
const OTHER = 7;
/** Set on a level that is an object (else an array), to check what closes it. */
const IN_OBJECT = 8;

// The property whose value comes next.
const NONE = 0;
const P_TAGS = 1;
const P_LOGS = 2;
const P_FIELDS = 3;
const P_KEY = 4;
const P_TYPE = 5;
const P_VALUE = 6;

export class SpanJsonReader {
  private readonly kv: KeyValueBytes;
  /** Kind of each open level. */
  private readonly levels = new Uint8Array(64);

  constructor(
    private readonly bytes: Uint8Array,
    private readonly utf8: (bytes: Uint8Array) => string,
  ) {
    this.kv = new KeyValueBytes(bytes, utf8);
  }

  /**
   * Whether `term` is in the own attributes, event names or event attributes of the span whose
   * JSON object is bytes[from, to). A text term's text and an attribute term's value must be
   * ASCII (what the byte search looks for).
   */
  verdict(from: number, to: number, term: SpanJsonTerm): SpanJsonVerdict {
    if (term !== this.kv.term) this.kv.setTerm(term);
    try {
      // Offsets as small integers (`| 0`): indexing by a double is much slower. A span past
      // 2 GiB into the response is read in a view of its own bytes.
      if (to > 0x7fffffff) {
        return new SpanJsonReader(this.bytes.subarray(from, to), this.utf8).verdict(0, to - from, term);
      }
      return this.walk(from | 0, to | 0) ? SpanJsonVerdict.Yes : SpanJsonVerdict.No;
    } catch (error) {
      // A literal or an escape JSON.parse refuses: the span's decoding will say what is wrong.
      if (error instanceof Unsure || error instanceof SyntaxError) return SpanJsonVerdict.Unsure;
      throw error;
    }
  }

  private walk(from: number, to: number): boolean {
    const { bytes, levels, kv } = this;
    let found = false;
    let depth = 0;
    let kind = -1;
    let prop = NONE;
    // Properties seen in the span, and in the log being read; whether that log is named.
    let tags = false;
    let logs = false;
    let fields = false;
    let named = false;
    let p = from;
    while (p < to && isSpace(bytes[p])) p++;
    if (bytes[p] !== 0x7b) unsure();
    while (p < to) {
      const b = bytes[p];
      if (b === QUOTE) {
        const end = kv.stringEnd(p + 1, to);
        const plain = kv.plain;
        let next = end + 1;
        while (next < to && isSpace(bytes[next])) next++;
        if (bytes[next] === 0x3a) {
          prop = this.property(kind, p + 1, end, plain);
          if (prop === P_TAGS) tags = tags ? unsure() : true;
          else if (prop === P_LOGS) logs = logs ? unsure() : true;
          else if (prop === P_FIELDS) fields = fields ? unsure() : true;
          p = next + 1;
        } else {
          this.scalar(kind, prop, p + 1, end, WRITTEN, plain);
          prop = NONE;
          p = end + 1;
        }
      } else if (b === 0x7b || b === 0x5b) {
        const object = b === 0x7b;
        const child = depth === 0 ? (object ? SPAN : unsure()) : this.child(kind, prop, object);
        prop = NONE;
        if (child === TAG || child === FIELD) {
          kv.clear();
          // Most tags are written `{"key":"…","type":"…","value":…}`: read in one go.
          const end = kv.readCompact(p, to);
          if (end > 0) {
            found = kv.holds(child === TAG, named) || found;
            named ||= child === FIELD && kv.isEvent();
            p = end;
            continue;
          }
        }
        if (depth === levels.length) unsure();
        kind = child;
        levels[depth++] = object ? child | IN_OBJECT : child;
        if (child === LOG) fields = named = false;
        p++;
      } else if (b === 0x7d || b === 0x5d) {
        if (depth === 0 || (levels[depth - 1] & IN_OBJECT) !== (b === 0x7d ? IN_OBJECT : 0)) unsure();
        if (kind === TAG || kind === FIELD) {
          found = kv.holds(kind === TAG, named) || found;
          named ||= kind === FIELD && kv.isEvent();
        }
        depth--;
        kind = depth > 0 ? levels[depth - 1] & ~IN_OBJECT : -1;
        p++;
        if (depth === 0) break;
      } else if (b === 0x2c || isSpace(b)) {
        p++;
      } else {
        let end = p + 1;
        while (end < to && !endsScalar(bytes[end])) end++;
        this.scalar(kind, prop, p, end, LITERAL, true);
        prop = NONE;
        p = end;
      }
    }
    while (p < to && isSpace(bytes[p])) p++;
    if (depth !== 0 || p !== to) unsure();
    return found;
  }

  /** Which property a name is, where spanFromJaeger reads it. */
  private property(kind: number, start: number, end: number, plain: boolean): number {
    if (kind !== SPAN && kind !== LOG && kind !== TAG && kind !== FIELD) return NONE;
    const text = plain ? null : this.kv.text(start, end, false);
    if (kind === SPAN) {
      return this.nameIs(start, end, text, 'tags')
        ? P_TAGS
        : this.nameIs(start, end, text, 'logs')
          ? P_LOGS
          : NONE;
    }
    if (kind === LOG) return this.nameIs(start, end, text, 'fields') ? P_FIELDS : NONE;
    if (this.nameIs(start, end, text, 'key')) return P_KEY;
    if (this.nameIs(start, end, text, 'type')) return P_TYPE;
    return this.nameIs(start, end, text, 'value') ? P_VALUE : NONE;
  }

  /** Whether a property's name is `name`: its bytes, or its `text` when not plain. */
  private nameIs(start: number, end: number, text: string | null, name: string): boolean {
    return text === null ? same(this.bytes, start, end, name) : text === name;
  }

  /** The kind of an object or array opened in a level of `kind`, as the value of `prop`. */
  private child(kind: number, prop: number, object: boolean): number {
    switch (kind) {
      case SPAN:
        return prop === P_TAGS && !object ? TAGS : prop === P_LOGS && !object ? LOGS : OTHER;
      case TAGS:
        return object ? TAG : unsure();
      case LOGS:
        return object ? LOG : unsure();
      case LOG:
        return prop === P_FIELDS && !object ? FIELDS : OTHER;
      case FIELDS:
        return object ? FIELD : unsure();
      case TAG:
      case FIELD:
        return prop === NONE ? OTHER : unsure();
      default:
        return OTHER;
    }
  }

  /** A string (its text's range) or a number, true, false or null, in a level of `kind`. */
  private scalar(kind: number, prop: number, start: number, end: number, how: number, plain: boolean): void {
    if (kind === TAGS || kind === LOGS || kind === FIELDS) unsure();
    if (kind !== TAG && kind !== FIELD) return;
    const kv = this.kv;
    if (prop === P_KEY) {
      if (kv.keyStart >= 0 || how !== WRITTEN) unsure();
      kv.keyStart = start;
      kv.keyEnd = end;
      kv.keyPlain = plain;
    } else if (prop === P_TYPE) {
      if (kv.typeStart >= 0 || how !== WRITTEN) unsure();
      kv.typeStart = start;
      kv.typeEnd = end;
      kv.typePlain = plain;
    } else if (prop === P_VALUE) {
      if (kv.valueKind >= 0) unsure();
      kv.valueKind = how;
      kv.valueStart = start;
      kv.valueEnd = end;
      kv.valuePlain = plain;
    }
  }
}
