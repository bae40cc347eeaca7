/**
 * One tag or log field of a span's Jaeger JSON, as spanJsonTerms.ts reads it from the bytes: its
 * key, type and value by where their texts are, and whether it holds a find term the way
 * spanFromJaeger and the AttributeTable would have it (attributeFromJaeger, then
 * attributeValueToString, lower-cased for text).
 */
import { attributeValueToString } from '../model/attributes';
import { attributeFromJaeger, SYNTHETIC_TAGS } from './fromJaegerJson';
import type { JaegerKeyValue } from './jaegerJson';
import { asciiBytes, asciiText, bytesAt, isPrintableAscii, isSpace } from './jsonBytes';

/** A find term as the reading of bytes compares it. */
export type SpanJsonTerm =
  /** Free text, lower-case ASCII: in a key, a value's text or an event's name, without case. */
  | { readonly type: 'text'; readonly text: string }
  /** `key=value`: the key exactly, the value's text (ASCII) exactly. */
  | { readonly type: 'attribute'; readonly key: string; readonly value: string };

/** Thrown where the bytes say something the reading does not follow: the span is decoded. */
export class Unsure extends Error {}

export const unsure = (): never => {
  throw new Unsure();
};

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
// How a value was written.
export const WRITTEN = 0;
export const LITERAL = 1;

/** Types whose value's text is not the string written (attributeFromJaeger converts it). */
const CONVERTED_TYPES = ['bool', 'int64', 'float64'];
const SYNTHETIC_NAMES = [...SYNTHETIC_TAGS];
/** 1 at the length of each synthetic tag's name: most keys are ruled out by their length. */
const SYNTHETIC_LENGTH = Uint8Array.from({ length: 64 }, (_, n) =>
  SYNTHETIC_NAMES.some((t) => t.length === n) ? 1 : 0,
);

/**
 * Whether a text can be in the text of a value that attributeFromJaeger converts (a number,
 * true, false or null, or a string typed bool, int64 or float64): numbers are written with
 * digits, signs, points and exponents, or NaN, ±Inf and ±Infinity.
 */
function mayBeInConvertedText(text: string): boolean {
  return (
    /^[0-9+\-.e]*$/.test(text) ||
    ['true', 'false', 'null', 'nan', '+inf', '-infinity'].some((word) => word.includes(text))
  );
}

export class KeyValueBytes {
  term: SpanJsonTerm = { type: 'text', text: '' };
  private needle = new Uint8Array(0);
  /** Whether the text term may be in a converted value's text (mayBeInConvertedText). */
  private inConvertedText = true;
  /** Whether the attribute term's key is ASCII: its UTF-8 bytes are then its char codes. */
  private termKeyIsAscii = true;

  // Where the texts of the key, type and value are (-1: absent), whether each is ASCII without
  // escapes, and whether the value was written as a string or a number, true, false or null.
  keyStart = -1;
  keyEnd = 0;
  keyPlain = true;
  typeStart = -1;
  typeEnd = 0;
  typePlain = true;
  valueKind = -1;
  valueStart = 0;
  valueEnd = 0;
  valuePlain = true;
  /** Whether the last string read by stringEnd was ASCII without escapes. */
  plain = true;

  constructor(
    readonly bytes: Uint8Array,
    private readonly utf8: (bytes: Uint8Array) => string,
  ) {}

  setTerm(term: SpanJsonTerm): void {
    this.term = term;
    this.needle = asciiBytes(term.type === 'text' ? term.text : term.value);
    this.inConvertedText = term.type === 'text' && mayBeInConvertedText(term.text);
    this.termKeyIsAscii = term.type === 'text' || isPrintableAscii(term.key);
  }

  clear(): void {
    this.keyStart = this.typeStart = this.valueKind = -1;
  }

  /** The closing quote of the string whose text starts at `p`; sets `plain`. */
  stringEnd(p: number, to: number): number {
    const { bytes } = this;
    let seen = 0;
    for (;;) {
      if (p >= to) unsure();
      const b = bytes[p];
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        seen |= 0x80;
        p += 2;
      } else {
        seen |= b;
        p++;
      }
    }
    this.plain = seen < 0x80;
    return p;
  }

  /** The text of a string: plain ones byte by byte, others as JSON.parse reads them. */
  text(start: number, end: number, plain: boolean): string {
    if (plain) return asciiText(this.bytes, start, end);
    return JSON.parse(`"${this.utf8(this.bytes.subarray(start, end))}"`) as string;
  }

  /** Whether the string at [start, end) is `name` (ASCII). */
  is(start: number, end: number, plain: boolean, name: string): boolean {
    return plain ? same(this.bytes, start, end, name) : this.text(start, end, false) === name;
  }

  /**
   * Whether the tag (in `tags`) or field (in a log's `fields`) just read holds the term. `named`
   * says whether its log has had its `event` field: the first names the event; all are dropped.
   */
  holds(tag: boolean, named: boolean): boolean {
    const { keyStart, keyEnd, keyPlain } = this;
    if (keyStart < 0) unsure();
    if (tag) {
      if (!keyPlain) {
        if (SYNTHETIC_TAGS.has(this.text(keyStart, keyEnd, false))) return false;
      } else if (SYNTHETIC_LENGTH[keyEnd - keyStart] === 1) {
        for (const name of SYNTHETIC_NAMES) if (same(this.bytes, keyStart, keyEnd, name)) return false;
      }
      return this.attributeHolds();
    }
    if (!this.is(keyStart, keyEnd, keyPlain, 'event')) return this.attributeHolds();
    return !named && this.eventNameHolds();
  }

  /** Whether the key of the field just read is `event`. */
  isEvent(): boolean {
    return this.keyStart >= 0 && this.is(this.keyStart, this.keyEnd, this.keyPlain, 'event');
  }

  /** Whether a string's text holds the text term's needle, ASCII letters without case. */
  private textHolds(start: number, end: number, plain: boolean): boolean {
    if (!plain) return this.text(start, end, false).toLowerCase().includes(this.needleText());
    const { bytes, needle } = this;
    const last = end - needle.length;
    outer: for (let p = start; p <= last; p++) {
      for (let k = 0; k < needle.length; k++) {
        const b = bytes[p + k];
        if ((b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== needle[k]) continue outer;
      }
      return true;
    }
    return false;
  }

  private needleText(): string {
    return this.term.type === 'text' ? this.term.text : this.term.value;
  }

  private typeConverts(): boolean {
    const { typeStart, typeEnd, typePlain } = this;
    if (typeStart < 0) return false;
    for (const type of CONVERTED_TYPES) if (this.is(typeStart, typeEnd, typePlain, type)) return true;
    return false;
  }

  /** The value as JSON.parse makes it. */
  private written(): string | number | boolean | null {
    const text = this.text(
      this.valueStart,
      this.valueEnd,
      this.valueKind === WRITTEN ? this.valuePlain : true,
    );
    return this.valueKind === WRITTEN ? text : (JSON.parse(text) as number | boolean | null);
  }

  private eventNameHolds(): boolean {
    if (this.valueKind < 0) unsure();
    const value = this.term.type === 'text' ? this.written() : null;
    // Named as tagText reads the field: a null value names nothing.
    return value !== null && String(value).toLowerCase().includes(this.needleText());
  }

  private attributeHolds(): boolean {
    const term = this.term;
    if (this.valueKind < 0) unsure();
    if (term.type === 'attribute') {
      if (term.key === '') return false;
      const { keyStart, keyEnd, keyPlain } = this;
      const sameKey =
        keyPlain && this.termKeyIsAscii
          ? same(this.bytes, keyStart, keyEnd, term.key)
          : this.text(keyStart, keyEnd, keyPlain) === term.key;
      return sameKey && this.valueText() === term.value;
    }
    if (this.textHolds(this.keyStart, this.keyEnd, this.keyPlain)) return true;
    if (this.valueKind === WRITTEN) {
      // A string is its own text, unless its type converts it: its text is then either the
      // string or a converted one.
      if (!this.textHolds(this.valueStart, this.valueEnd, this.valuePlain)) {
        if (!this.inConvertedText || !this.typeConverts()) return false;
      } else if (!this.typeConverts()) return true;
    } else if (!this.inConvertedText) return false;
    return this.valueText().toLowerCase().includes(term.text);
  }

  /** The value's text, as attributeFromJaeger and attributeValueToString make it. */
  private valueText(): string {
    const { typeStart } = this;
    const tag = {
      key: '',
      type: typeStart < 0 ? undefined : this.text(typeStart, this.typeEnd, this.typePlain),
      value: this.written(),
    } as JaegerKeyValue;
    return attributeValueToString(attributeFromJaeger(tag));
  }

  /**
   * Reads a tag or field written exactly `{"key":"…","type":"…","value":<value>}` at `p`, its
   * value a string, number, true, false or null; returns where it ends, or -1 (nothing read)
   * when it is written any other way.
   */
  readCompact(p: number, to: number): number {
    const { bytes } = this;
    let at = p;
    if (!bytesAt(bytes, at, KEY_START)) return -1;
    const keyStart = (at += KEY_START.length);
    const keyEnd = (at = this.stringEnd(at, to));
    const keyPlain = this.plain;
    if (!bytesAt(bytes, at, TYPE_START)) return -1;
    const typeStart = (at += TYPE_START.length);
    const typeEnd = (at = this.stringEnd(at, to));
    const typePlain = this.plain;
    if (!bytesAt(bytes, at, VALUE_START)) return -1;
    at += VALUE_START.length;
    let valueStart = at;
    let valueEnd: number;
    let valueKind = LITERAL;
    const first = bytes[at];
    if (first === 0x7b || first === 0x5b) return -1;
    if (first === QUOTE) {
      valueStart = ++at;
      valueEnd = at = this.stringEnd(at, to);
      at++;
      valueKind = WRITTEN;
    } else {
      while (at < to && !endsScalar(bytes[at])) at++;
      valueEnd = at;
      if (valueEnd === valueStart) return -1;
    }
    if (at >= to || bytes[at] !== 0x7d) return -1;
    this.keyStart = keyStart;
    this.keyEnd = keyEnd;
    this.keyPlain = keyPlain;
    this.typeStart = typeStart;
    this.typeEnd = typeEnd;
    this.typePlain = typePlain;
    this.valueKind = valueKind;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.valuePlain = this.plain;
    return at + 1;
  }
}

/** Bytes that end a number, true, false or null. */
export const endsScalar = (b: number) => b === 0x2c || b === 0x7d || b === 0x5d || isSpace(b);

const KEY_START = asciiBytes('{"key":"');
const TYPE_START = asciiBytes('","type":"');
const VALUE_START = asciiBytes('","value":');

export function same(bytes: Uint8Array, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
  return true;
}
