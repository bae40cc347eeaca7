/**
 * `json.Unmarshal(text, &map[string]string{})` as Go's encoding/json does it, with its exact
 * error messages: Jaeger's API v3 reads `query.attributes` that way and answers
 * `malformed parameter query.attributes: <Go error>`.
 *
 * Like Go, the whole text is first checked for syntax (the first syntax error wins), then
 * decoded; the first value of the wrong type is reported in document order.
 */
export class GoJsonError extends Error {
  override name = 'GoJsonError';
}

/** encoding/json's maxNestingDepth. */
const MAX_DEPTH = 10_000;

type Kind = 'object' | 'array' | 'string' | 'number' | 'bool' | 'null';

interface Member {
  key: string;
  kind: Kind;
  raw: string;
}

export function parseGoStringMap(text: string): Map<string, string> {
  const { kind, members } = new Scanner(text).scan();
  const out = new Map<string, string>();
  if (kind === 'null') return out;
  if (kind !== 'object')
    throw new GoJsonError(`json: cannot unmarshal ${kind} into Go value of type map[string]string`);
  for (const m of members) {
    const key = JSON.parse(m.key) as string;
    // A null member leaves Go's zero string in the map.
    if (m.kind === 'null') out.set(key, '');
    else if (m.kind === 'string') out.set(key, JSON.parse(m.raw) as string);
    else throw new GoJsonError(`json: cannot unmarshal ${m.kind} into Go value of type string`);
  }
  return out;
}

/**
 * Go's scanner (encoding/json/scanner.go), iterative so that deep nesting cannot overflow the
 * stack. Records the kind of the top-level value and the members of a top-level object.
 */
class Scanner {
  private i = 0;
  private readonly stack: ('{' | '[')[] = [];
  private readonly members: Member[] = [];

  constructor(private readonly s: string) {}

  scan(): { kind: Kind; members: Member[] } {
    this.ws();
    const kind = kindOf(this.s[this.i]);
    let atValue = true;
    let key = '';
    for (;;) {
      if (atValue) {
        this.ws();
        const start = this.i;
        const c = this.s[this.i];
        // Top-level object members are recorded before descending into them.
        const member =
          this.stack.length === 1 && this.stack[0] === '{' ? { key, kind: kindOf(c), raw: '' } : null;
        if (member) this.members.push(member);
        if (c === '{' || c === '[') {
          if (this.stack.length >= MAX_DEPTH) this.fail('exceeded max depth');
          this.i++;
          this.ws();
          if (this.s[this.i] === (c === '{' ? '}' : ']')) this.i++;
          else {
            this.stack.push(c);
            if (c === '{') key = this.objectKey();
            continue;
          }
        } else {
          this.scalar(c);
          if (member) member.raw = this.s.slice(start, this.i);
        }
        atValue = false;
      }
      this.ws();
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) {
        if (this.i < this.s.length) this.fail('after top-level value');
        return { kind, members: this.members };
      }
      if (this.s[this.i] === ',') {
        this.i++;
        if (top === '{') {
          this.ws();
          key = this.objectKey();
        }
        atValue = true;
      } else if (this.s[this.i] === (top === '{' ? '}' : ']')) {
        this.i++;
        this.stack.pop();
      } else this.fail(top === '{' ? 'after object key:value pair' : 'after array element');
    }
  }

  /** A key string and its colon; returns the raw key token. */
  private objectKey(): string {
    if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
    const start = this.i;
    this.string();
    const raw = this.s.slice(start, this.i);
    this.ws();
    if (this.s[this.i] !== ':') this.fail('after object key');
    this.i++;
    return raw;
  }

  private scalar(c: string | undefined): void {
    if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.fail('looking for beginning of value');
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('in string literal');
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        this.i++;
        const e = this.s[this.i];
        if (e !== undefined && 'bfnrt\\/"'.includes(e)) this.i++;
        else if (e === 'u') {
          this.i++;
          for (let k = 0; k < 4; k++) {
            if (!/^[0-9a-fA-F]$/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
            this.i++;
          }
        } else this.fail('in string escape code');
      } else if (c < ' ') this.fail('in string literal');
      else this.i++;
    }
  }

  private number(): void {
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '0') this.i++;
    else if (this.isDigit()) while (this.isDigit()) this.i++;
    else this.fail('in numeric literal');
    if (this.s[this.i] === '.') {
      this.i++;
      if (!this.isDigit()) this.fail('after decimal point in numeric literal');
      while (this.isDigit()) this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!this.isDigit()) this.fail('in exponent of numeric literal');
      while (this.isDigit()) this.i++;
    }
  }

  private literal(word: string): void {
    this.i++;
    for (const expected of word.slice(1)) {
      if (this.s[this.i] !== expected) this.fail(`in literal ${word} (expecting ${quoteChar(expected)})`);
      this.i++;
    }
  }

  private isDigit(): boolean {
    const c = this.s[this.i];
    return c !== undefined && c >= '0' && c <= '9';
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoJsonError('unexpected end of JSON input');
    throw new GoJsonError(`invalid character ${quoteChar(this.s[this.i])} ${context}`);
  }
}

function kindOf(c: string | undefined): Kind {
  if (c === '{') return 'object';
  if (c === '[') return 'array';
  if (c === '"') return 'string';
  if (c === 't' || c === 'f') return 'bool';
  if (c === 'n') return 'null';
  return 'number';
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/**
 * Go's quoteChar. Go looks at bytes: for a non-ASCII character it quotes the first byte of its
 * UTF-8 form read as a Latin-1 character (é → 'Ã'), and every such lead byte is printable.
 */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  if (c === '\\') return "'\\\\'";
  const code = c.charCodeAt(0);
  if (code >= 0x80) return `'${String.fromCharCode(utf8LeadByte(c.codePointAt(0) ?? code))}'`;
  if (code < 0x20 || code === 0x7f)
    return `'${SHORT_ESCAPES[c] ?? `\\x${code.toString(16).padStart(2, '0')}`}'`;
  return `'${c}'`;
}

function utf8LeadByte(code: number): number {
  if (code < 0x800) return 0xc0 | (code >> 6);
  if (code < 0x10000) return 0xe0 | (code >> 12);
  return 0xf0 | (code >> 18);
}
