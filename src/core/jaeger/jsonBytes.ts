/**
 * A forward-only reader of JSON text as UTF-8 bytes, for decoders that want a few fields of a
 * large document without building every object in it (JSON.parse of a 100k-span trace makes
 * millions of objects the trace page never reads). It checks the grammar of what it skips, so a
 * malformed document is noticed, and never recurses: nesting is counted, not followed.
 */

/** Thrown when the text is not JSON, or not of the shape a fast decoder handles. */
export class NotHandled extends Error {
  override readonly name = 'NotHandled';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Text of printable ASCII only: its UTF-8 bytes are its char codes. */
export const isPrintableAscii = (text: string) => !/[^\x20-\x7e]/.test(text);

/** The bytes of ASCII text (a needle or a literal to compare with). */
export const asciiBytes = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

/** Whether `literal` is written at `p`. */
export function bytesAt(bytes: Uint8Array, p: number, literal: Uint8Array): boolean {
  for (let i = 0; i < literal.length; i++) if (bytes[p + i] !== literal[i]) return false;
  return true;
}
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** Text of bytes known to be ASCII, for short strings (faster than a decoder call). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** UTF-8 bytes to text. Core code is free of platform APIs, so callers pass TextDecoder's. */
export type Utf8Decoder = (bytes: Uint8Array) => string;

export class JsonBytes {
  pos = 0;
  /** Set by readString: whether the last string had escapes or non-ASCII bytes. */
  lastStringIsPlain = true;
  /** Set by readString: offset of the closing quote. */
  stringEnd = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly utf8: Utf8Decoder,
  ) {}

  fail(what: string): never {
    throw new NotHandled(`${what} at byte ${this.pos}`);
  }

  /** The next non-space byte, without consuming it; -1 at the end. */
  peek(): number {
    const { bytes } = this;
    let p = this.pos;
    while (p < bytes.length && isSpace(bytes[p])) p++;
    this.pos = p;
    return p < bytes.length ? bytes[p] : -1;
  }

  expect(byte: number): void {
    if (this.peek() !== byte) this.fail(`expected ${String.fromCharCode(byte)}`);
    this.pos++;
  }

  /** After a value inside an object or array: true when another member follows. */
  more(close: number): boolean {
    const b = this.peek();
    this.pos++;
    if (b === COMMA) return true;
    if (b === close) return false;
    return this.fail('expected , or a closing bracket');
  }

  /** Enters an object; true when it has members (the first key is next). */
  openObject(): boolean {
    this.expect(OPEN_BRACE);
    if (this.peek() === CLOSE_BRACE) {
      this.pos++;
      return false;
    }
    return true;
  }

  nextMember(): boolean {
    return this.more(CLOSE_BRACE);
  }

  openArray(): boolean {
    this.expect(OPEN_BRACKET);
    if (this.peek() === CLOSE_BRACKET) {
      this.pos++;
      return false;
    }
    return true;
  }

  nextElement(): boolean {
    return this.more(CLOSE_BRACKET);
  }

  /** Reads a member's key and the colon after it; returns where the key's text starts. */
  key(): number {
    const start = this.readString();
    this.expect(COLON);
    return start;
  }

  /** The string just read, starting at `start`, is exactly `name` (ASCII) as written. */
  is(start: number, name: string): boolean {
    if (this.stringEnd - start !== name.length) return false;
    const { bytes } = this;
    for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /**
   * Consumes a string; returns the offset of its first content byte, sets stringEnd (offset of
   * the closing quote) and lastStringIsPlain.
   */
  readString(): number {
    if (this.peek() !== QUOTE) this.fail('expected a string');
    const { bytes } = this;
    const start = this.pos + 1;
    let p = start;
    let plain = true;
    for (;;) {
      if (p >= bytes.length) this.fail('unterminated string');
      const b = bytes[p];
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        plain = false;
        p += 2;
        continue;
      }
      if (b < 0x20) this.fail('control character in a string');
      if (b >= 0x80) plain = false;
      p++;
    }
    this.stringEnd = p;
    this.pos = p + 1;
    this.lastStringIsPlain = plain;
    return start;
  }

  /** Consumes a string whose text is not needed (most of a trace's bytes are attribute values). */
  skipString(): void {
    if (this.peek() !== QUOTE) this.fail('expected a string');
    const { bytes } = this;
    const length = bytes.length;
    let p = this.pos + 1;
    for (;;) {
      if (p >= length) this.fail('unterminated string');
      const b = bytes[p++];
      if (b === QUOTE) break;
      if (b === BACKSLASH) p++;
    }
    this.pos = p;
  }

  /** The text of the string just read (from readString's result). */
  text(start: number): string {
    if (this.lastStringIsPlain) return asciiText(this.bytes, start, this.stringEnd);
    try {
      return JSON.parse(`"${this.utf8(this.bytes.subarray(start, this.stringEnd))}"`) as string;
    } catch {
      return this.fail('a string with a bad escape');
    }
  }

  /** Consumes a number token; returns it as JSON.parse would. */
  readNumber(): number {
    const { bytes } = this;
    this.peek();
    const start = this.pos;
    let p = start;
    if (bytes[p] === 0x2d) p++;
    if (!isDigit(bytes[p])) this.fail('expected a number');
    // Integers below 2^53 (epoch microseconds are 16 digits) are summed exactly.
    let value = 0;
    if (bytes[p] === 0x30) p++;
    else while (isDigit(bytes[p])) value = value * 10 + (bytes[p++] - 0x30);
    let simple = p - start <= 16;
    if (bytes[p] === 0x2e) {
      simple = false;
      p++;
      if (!isDigit(bytes[p])) this.fail('expected a digit');
      while (isDigit(bytes[p])) p++;
    }
    if (bytes[p] === 0x65 || bytes[p] === 0x45) {
      simple = false;
      p++;
      if (bytes[p] === 0x2b || bytes[p] === 0x2d) p++;
      if (!isDigit(bytes[p])) this.fail('expected a digit');
      while (isDigit(bytes[p])) p++;
    }
    this.pos = p;
    if (simple && value <= Number.MAX_SAFE_INTEGER) return bytes[start] === 0x2d ? -value : value;
    return Number(asciiText(bytes, start, p));
  }

  /** Consumes `true`, `false` or `null` and returns its value; fails on anything else. */
  readLiteral(): boolean | null {
    const b = this.peek();
    const word = b === 0x74 ? 'true' : b === 0x66 ? 'false' : b === 0x6e ? 'null' : null;
    if (word === null) return this.fail('expected a value');
    const { bytes, pos } = this;
    for (let i = 1; i < word.length; i++) if (bytes[pos + i] !== word.charCodeAt(i)) this.fail('bad literal');
    this.pos = pos + word.length;
    return word === 'true' ? true : word === 'false' ? false : null;
  }

  /** A string, number, true, false or null as its JavaScript value; fails on objects and arrays. */
  readScalar(): string | number | boolean | null {
    const b = this.peek();
    if (b === QUOTE) return this.text(this.readString());
    if (b === 0x2d || isDigit(b)) return this.readNumber();
    return this.readLiteral();
  }

  /** Consumes `null`, leaving anything else; true when it was null. */
  skipNull(): boolean {
    if (this.peek() !== 0x6e) return false;
    this.readLiteral();
    return true;
  }

  /** Consumes any value, checking its grammar, nesting counted without recursion. */
  skipValue(): void {
    let depth = 0;
    /** Whether each open level is an object (else an array). */
    const kinds: boolean[] = [];
    for (;;) {
      const b = this.peek();
      if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        this.pos++;
        const isObject = b === OPEN_BRACE;
        kinds[depth++] = isObject;
        const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
        if (this.peek() === close) {
          this.pos++;
          depth--;
        } else {
          if (isObject) this.key();
          continue;
        }
      } else if (b === QUOTE) this.skipString();
      else if (b === 0x2d || isDigit(b)) this.readNumber();
      else this.readLiteral();
      // After a value: close as many levels as end here, then step to the next member.
      for (;;) {
        if (depth === 0) return;
        const isObject = kinds[depth - 1];
        if (this.more(isObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          if (isObject) this.key();
          break;
        }
        depth--;
      }
    }
  }

  /** Fails unless only whitespace is left. */
  end(): void {
    if (this.peek() !== -1) this.fail('unexpected text after the document');
  }
}
