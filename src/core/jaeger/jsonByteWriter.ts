/**
 * JSON text written straight into UTF-8 bytes: the writer of large responses. Building a span's
 * JSON as a JavaScript string makes a rope of a few dozen pieces that is flattened and then
 * encoded to UTF-8 again for the socket; at a million spans that garbage (~850 MB of it) is most
 * of the work. Here each character is encoded once into a buffer that goes to the socket as is.
 *
 * `string` escapes exactly as JSON.stringify does (well-formed JSON.stringify, ES2019): `"` and
 * `\` escaped, \b \t \n \f \r by name, other controls and lone surrogates as lowercase \uXXXX,
 * everything else as its UTF-8 bytes.
 */

const HEX = '0123456789abcdef';

export class JsonByteWriter {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Size of the next buffer: what the last `take` handed over, at least `minBytes`. */
  private nextBytes: number;

  /**
   * @param minBytes the smallest buffer allocated. Buffers are allocated when first written to,
   * and after a `take` at the size just taken, so a response of many small pieces (a search's
   * traces) allocates small buffers and a big trace's 1 MB slices get 1 MB ones.
   */
  constructor(private readonly minBytes = 1 << 14) {
    this.nextBytes = minBytes;
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.pos;
  }

  /** The bytes written so far, handed over (the writer starts a new buffer when written to). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.nextBytes = Math.max(this.minBytes, this.pos + (this.pos >> 3));
    this.buf = new Uint8Array(0);
    this.pos = 0;
    return out;
  }

  private grow(need: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + need, this.nextBytes));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Text known to need no escaping and to be ASCII (punctuation, keys, numbers). */
  ascii(text: string): void {
    const n = text.length;
    if (this.pos + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** JSON text made elsewhere (JSON.stringify's output: escapes already in), as UTF-8. */
  json(text: string): void {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      if (this.pos + 6 > this.buf.length) this.grow(Math.max(6, (n - i) * 3));
      i = this.encode(text, i);
    }
  }

  /** Bytes written before (a cached key or ID). */
  bytes(bytes: Uint8Array): void {
    if (this.pos + bytes.length > this.buf.length) this.grow(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** An integer within ±2^53, as JSON writes it (digits written in place, no string made). */
  integer(value: number): void {
    if (this.pos + 17 > this.buf.length) this.grow(17);
    const buf = this.buf;
    if (value < 0) {
      buf[this.pos++] = 0x2d;
      value = -value;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      const next = Math.floor(value / 10);
      buf[--at] = 0x30 + (value - next * 10);
      value = next;
    } while (value > 0);
  }

  /** A JSON string literal, quotes included: the bytes of JSON.stringify(text) in UTF-8. */
  string(text: string): void {
    const n = text.length;
    // Room for the common case (ASCII, nothing escaped); the slow path checks as it goes.
    if (this.pos + n + 2 > this.buf.length) this.grow(n + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) buf[pos++] = c;
      else {
        this.pos = pos;
        this.stringTail(text, i);
        return;
      }
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  /** The rest of a string from `from` on, one character at a time with escapes and UTF-8. */
  private stringTail(text: string, from: number): void {
    const n = text.length;
    for (let i = from; i < n; i++) {
      // At most 6 bytes per UTF-16 unit (\uXXXX), plus the closing quote.
      if (this.pos + 7 > this.buf.length) this.grow(Math.max(7, (n - i) * 3 + 1));
      const c = text.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) {
        this.buf[this.pos++] = 0x5c;
        this.buf[this.pos++] = c;
      } else if (c < 0x20) this.control(c);
      else i = this.encode(text, i);
    }
    this.buf[this.pos++] = 0x22;
  }

  /**
   * The UTF-16 unit at `i` as UTF-8 (with the low surrogate after it, when they pair; a lone
   * surrogate as \udxxx, as JSON.stringify writes it). Returns the index of the last unit read.
   * The caller has made room for 6 bytes.
   */
  private encode(text: string, i: number): number {
    const buf = this.buf;
    const c = text.charCodeAt(i);
    if (c < 0x80) buf[this.pos++] = c;
    else if (c < 0x800) {
      buf[this.pos++] = 0xc0 | (c >> 6);
      buf[this.pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        this.unicodeEscape(c);
        return i;
      }
      const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      buf[this.pos++] = 0xf0 | (cp >> 18);
      buf[this.pos++] = 0x80 | ((cp >> 12) & 0x3f);
      buf[this.pos++] = 0x80 | ((cp >> 6) & 0x3f);
      buf[this.pos++] = 0x80 | (cp & 0x3f);
      return i + 1;
    } else {
      buf[this.pos++] = 0xe0 | (c >> 12);
      buf[this.pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[this.pos++] = 0x80 | (c & 0x3f);
    }
    return i;
  }

  private control(c: number): void {
    const named = c === 8 ? 'b' : c === 9 ? 't' : c === 10 ? 'n' : c === 12 ? 'f' : c === 13 ? 'r' : '';
    if (named) {
      this.buf[this.pos++] = 0x5c;
      this.buf[this.pos++] = named.charCodeAt(0);
    } else this.unicodeEscape(c);
  }

  private unicodeEscape(c: number): void {
    const buf = this.buf;
    buf[this.pos++] = 0x5c;
    buf[this.pos++] = 0x75;
    buf[this.pos++] = HEX.charCodeAt((c >> 12) & 15);
    buf[this.pos++] = HEX.charCodeAt((c >> 8) & 15);
    buf[this.pos++] = HEX.charCodeAt((c >> 4) & 15);
    buf[this.pos++] = HEX.charCodeAt(c & 15);
  }
}
