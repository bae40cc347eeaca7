/**
 * A pretty-printed view of a JSON document that is never built as one string. A 100k-span trace
 * is ~70 MB of JSON; pretty-printed it would be ~150 MB and millions of lines, more than a DOM
 * node (or a JSON.stringify round trip in a second) can take. Instead one pass over the bytes
 * records where each line of the pretty form starts and ends in the source, and a line's text
 * is produced only when it scrolls into view.
 *
 * The layout is JSON.stringify(value, null, 2)'s: a line per member or element, an empty
 * object or array on its opener's line, `": "` after keys. The source must be valid JSON.
 */

export interface JsonLines {
  count: number;
  /** Source byte range of each line's tokens (whitespace between them is dropped when rendered). */
  starts: Uint32Array;
  ends: Uint32Array;
  /** Nesting depth of each line: its indentation in levels. */
  depth: Int32Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** What a byte means outside strings (0: part of a value), by table rather than comparisons. */
const SPACE = 1;
const STRING = 2;
const OPEN = 3;
const CLOSE = 4;
const SEPARATOR = 5;
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09]) CLASS[c] = SPACE;
CLASS[QUOTE] = STRING;
CLASS[OPEN_BRACE] = CLASS[OPEN_BRACKET] = OPEN;
CLASS[CLOSE_BRACE] = CLASS[CLOSE_BRACKET] = CLOSE;
CLASS[COMMA] = SEPARATOR;

/**
 * Indexes a document a slice at a time, so a worker can answer with the first screenful of a
 * 70 MB trace after a few milliseconds and index the rest between other requests. Lines found
 * so far are final: a slice only appends.
 */
export class JsonLineIndexer {
  private count = 0;
  private starts: Uint32Array;
  private ends: Uint32Array;
  private depths: Int32Array;
  /** Parse state carried from one slice to the next. */
  private at = 0;
  private depth = 0;
  private lineStart = -1;
  private lineDepth = 0;
  private lastEnd = 0;

  constructor(readonly bytes: Uint8Array) {
    // A compact trace has a line every ~15 bytes.
    const capacity = Math.max(1024, Math.ceil(bytes.length / 12));
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.depths = new Int32Array(capacity);
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  /** Bytes indexed so far. */
  get position(): number {
    return Math.min(this.at, this.bytes.length);
  }

  /** The lines found so far (views on the index's arrays, valid until the next slice). */
  lines(): JsonLines {
    const { count } = this;
    return {
      count,
      starts: this.starts.subarray(0, count),
      ends: this.ends.subarray(0, count),
      depth: this.depths.subarray(0, count),
    };
  }

  /**
   * Indexes about `budget` more bytes (a string that crosses the end is finished first).
   * Most of a trace is short strings (keys, IDs): they are skipped by an inline loop rather
   * than a native search per string, and other bytes are classified by table.
   */
  advance(budget: number): void {
    const { bytes } = this;
    const n = bytes.length;
    const limit = Math.min(n, this.at + budget);
    let { depth, lineStart, lineDepth, lastEnd } = this;
    let i = this.at;
    for (; i < limit; i++) {
      const kind = CLASS[bytes[i]];
      if (kind === SPACE) continue;
      if (kind === CLOSE) {
        // A closer starts a line of its own, one level out.
        if (lineStart >= 0) this.push(lineStart, lastEnd, lineDepth);
        lineStart = -1;
        depth--;
      }
      if (lineStart < 0) {
        lineStart = i;
        lineDepth = depth;
      }
      if (kind === STRING) {
        for (i++; i < n; i++) {
          const c = bytes[i];
          if (c === QUOTE) break;
          if (c === BACKSLASH) i++;
        }
      } else if (kind === OPEN) {
        let next = i + 1;
        while (next < n && CLASS[bytes[next]] === SPACE) next++;
        if (bytes[next] === bytes[i] + 2) {
          // `{}` and `[]` stay on their opener's line ('{' + 2 is '}', '[' + 2 is ']').
          i = next;
        } else {
          this.push(lineStart, i + 1, lineDepth);
          lineStart = -1;
          depth++;
        }
      } else if (kind === SEPARATOR) {
        this.push(lineStart, i + 1, lineDepth);
        lineStart = -1;
      }
      lastEnd = i + 1;
    }
    this.at = i;
    if (i >= n && lineStart >= 0) {
      this.push(lineStart, lastEnd, lineDepth);
      lineStart = -1;
    }
    Object.assign(this, { depth, lineStart, lineDepth, lastEnd });
  }

  private push(start: number, end: number, depth: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.depths[this.count] = depth;
    this.count++;
  }

  private grow(): void {
    const capacity = this.starts.length * 2;
    const starts = new Uint32Array(capacity);
    const ends = new Uint32Array(capacity);
    const depths = new Int32Array(capacity);
    starts.set(this.starts);
    ends.set(this.ends);
    depths.set(this.depths);
    this.starts = starts;
    this.ends = ends;
    this.depths = depths;
  }
}

/** Every line of a document at once. */
export function indexJsonLines(bytes: Uint8Array): JsonLines {
  const indexer = new JsonLineIndexer(bytes);
  indexer.advance(bytes.length);
  return indexer.lines();
}

export interface JsonLine {
  depth: number;
  /** The line without its indentation, at most `maxChars` UTF-16 units. */
  text: string;
  /** Source bytes left out because the line was longer than `maxChars`; 0 when complete. */
  omittedBytes: number;
}

/** Renders lines `from … to - 1`, whitespace normalised and long lines cut at `maxChars`. */
export function jsonLineRange(
  bytes: Uint8Array,
  lines: JsonLines,
  from: number,
  to: number,
  maxChars: number,
): JsonLine[] {
  const out: JsonLine[] = [];
  for (let line = Math.max(0, from); line < Math.min(to, lines.count); line++) {
    out.push(renderLine(bytes, lines.starts[line], lines.ends[line], lines.depth[line], maxChars));
  }
  return out;
}

function renderLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
  maxChars: number,
): JsonLine {
  const units: number[] = [];
  let inString = false;
  let i = start;
  for (; i < end && units.length < maxChars; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === BACKSLASH) {
        units.push(c, bytes[++i]);
        continue;
      }
      if (c === QUOTE) inString = false;
      if (c < 0x80) units.push(c);
      else i = pushUtf8(bytes, i, units) - 1;
      continue;
    }
    if (isSpace(c)) continue;
    if (c === QUOTE) inString = true;
    units.push(c);
    if (c === COLON) units.push(0x20);
  }
  return { depth, text: fromUnits(units), omittedBytes: end - i };
}

/** Decodes the UTF-8 sequence at `at` into UTF-16 units; returns the index after it. */
function pushUtf8(bytes: Uint8Array, at: number, units: number[]): number {
  const b0 = bytes[at];
  const length = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 1;
  if (length === 1) {
    units.push(0xfffd);
    return at + 1;
  }
  let code = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) code = (code << 6) | (bytes[at + k] & 0x3f);
  if (code >= 0x10000) {
    code -= 0x10000;
    units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
  } else units.push(code);
  return at + length;
}

function fromUnits(units: number[]): string {
  let text = '';
  // fromCharCode takes its arguments on the stack: convert in slices.
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.slice(i, i + 8192));
  return text;
}
