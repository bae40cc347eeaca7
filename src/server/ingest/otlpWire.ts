/**
 * Protobuf wire-format reading for the OTLP decoder (otlpWireDecode.ts): a bounds-checked
 * reader and the small messages (attributes, scope, events, links). Field numbers follow the
 * vendored schema in ./proto. Unknown fields are skipped, as protobuf requires.
 */
import type { Attribute, AttributeValue } from '../../core/model/attributes';
import { DecodeError } from '../../core/model/decodeError';
import { ZERO_SPAN_ID, ZERO_TRACE_ID } from '../../core/model/ids';
import type { Scope, SpanEvent, SpanLink } from '../../core/model/trace';
import { emptyScope } from '../../core/model/trace';
import { MAX_ATTRIBUTE_DEPTH } from '../../core/otlp/fromOtlpJson';

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

/** Where in the message a problem is, built only when there is one. */
export type Where = () => string;

export class Reader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** The bytes are not a well-formed message. */
  fail(where: Where, detail: string): never {
    const path = where();
    throw new DecodeError(
      '',
      `invalid protobuf ExportTraceServiceRequest${path ? ` at ${path}` : ''}: ${detail}`,
    );
  }

  /** Field number and wire type of the next tag. */
  tag(where: Where): [number, number] {
    const t = this.uint32(where);
    if (t >>> 3 === 0) this.fail(where, `invalid field number 0 at byte ${this.pos}`);
    return [t >>> 3, t & 7];
  }

  uint32(where: Where): number {
    let result = 0;
    let shift = 0;
    while (true) {
      if (this.pos >= this.end) this.fail(where, 'message truncated inside a varint');
      const b = this.buf[this.pos++];
      if (shift < 28) result |= (b & 0x7f) << shift;
      else if (shift === 28) result |= (b & 0x0f) << 28;
      if (b < 0x80) return result >>> 0;
      shift += 7;
      if (shift > 63) this.fail(where, 'varint longer than 10 bytes');
    }
  }

  /** A varint read as a signed 64-bit integer (int64's two's complement encoding). */
  int64(where: Where): bigint {
    const start = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    while (true) {
      if (this.pos >= this.end) this.fail(where, 'message truncated inside a varint');
      const b = this.buf[this.pos++];
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if (b < 0x80) break;
      shift += 7;
      if (shift > 63) this.fail(where, 'varint longer than 10 bytes');
    }
    if (hi === 0 && this.pos - start <= 4) return BigInt(lo >>> 0);
    return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }

  fixed64(where: Where): bigint {
    if (this.pos + 8 > this.end) this.fail(where, 'message truncated inside a fixed64');
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  fixed32(where: Where): number {
    if (this.pos + 4 > this.end) this.fail(where, 'message truncated inside a fixed32');
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  double(where: Where): number {
    if (this.pos + 8 > this.end) this.fail(where, 'message truncated inside a double');
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** The [start, end) of a length-delimited field, advancing past it. */
  len(where: Where): [number, number] {
    const n = this.uint32(where);
    const start = this.pos;
    if (start + n > this.end) this.fail(where, `field of ${n} bytes runs past the end of its message`);
    this.pos = start + n;
    return [start, start + n];
  }

  string(where: Where): string {
    const [s, e] = this.len(where);
    return this.buf.toString('utf8', s, e);
  }

  skip(wireType: number, where: Where): void {
    switch (wireType) {
      case VARINT:
        this.int64(where);
        return;
      case I64:
        this.fixed64(where);
        return;
      case LEN:
        this.len(where);
        return;
      case I32:
        this.fixed32(where);
        return;
      default:
        this.fail(where, `unsupported wire type ${wireType}`);
    }
  }

  expect(wireType: number, expected: number, field: string, where: Where): boolean {
    if (wireType === expected) return true;
    this.fail(where, `field ${field} has wire type ${wireType}, expected ${expected}`);
  }
}

export function id(
  r: Reader,
  [s, e]: [number, number],
  bytes: 8 | 16,
  where: Where,
  optional: boolean,
): string {
  if (e === s) {
    if (optional) return '';
    throw new DecodeError(where(), `is required (${bytes} bytes)`);
  }
  if (e - s !== bytes) throw new DecodeError(where(), `expected ${bytes} bytes, got ${e - s}`);
  const hex = r.buf.toString('hex', s, e);
  if (hex === ZERO_TRACE_ID || hex === ZERO_SPAN_ID) {
    if (optional) return '';
    throw new DecodeError(where(), 'must not be all zeros');
  }
  return hex;
}

function anyValue(buf: Buffer, start: number, end: number, where: Where, depth: number): AttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH)
    throw new DecodeError(where(), `attribute value nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels`);
  const r = new Reader(buf, start, end);
  let value: AttributeValue = { type: 'empty', value: null };
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'stringValue', where))
      value = { type: 'string', value: r.string(where) };
    else if (field === 2 && r.expect(wt, VARINT, 'boolValue', where))
      value = { type: 'bool', value: r.int64(where) !== 0n };
    else if (field === 3 && r.expect(wt, VARINT, 'intValue', where))
      value = { type: 'int64', value: r.int64(where) };
    else if (field === 4 && r.expect(wt, I64, 'doubleValue', where))
      value = { type: 'float64', value: r.double(where) };
    else if (field === 7 && r.expect(wt, LEN, 'bytesValue', where)) {
      const [s, e] = r.len(where);
      value = { type: 'binary', value: buf.toString('base64', s, e) };
    } else if ((field === 5 || field === 6) && r.expect(wt, LEN, 'arrayValue/kvlistValue', where)) {
      const [s, e] = r.len(where);
      const items: (AttributeValue | Attribute)[] = [];
      const inner = new Reader(buf, s, e);
      while (inner.pos < inner.end) {
        const [f, w] = inner.tag(where);
        if (f !== 1) {
          inner.skip(w, where);
          continue;
        }
        inner.expect(w, LEN, 'values', where);
        const [vs, ve] = inner.len(where);
        const at = () => `${where()}.${field === 5 ? 'arrayValue' : 'kvlistValue'}.values[${items.length}]`;
        items.push(field === 5 ? anyValue(buf, vs, ve, at, depth + 1) : keyValue(buf, vs, ve, at, depth + 1));
      }
      value =
        field === 5
          ? { type: 'array', value: items as AttributeValue[] }
          : { type: 'map', value: items as Attribute[] };
    } else r.skip(wt, where);
  }
  return value;
}

function keyValue(buf: Buffer, start: number, end: number, where: Where, depth: number): Attribute {
  const r = new Reader(buf, start, end);
  let key = '';
  let value: AttributeValue = { type: 'empty', value: null };
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'key', where)) key = r.string(where);
    else if (field === 2 && r.expect(wt, LEN, 'value', where)) {
      const [s, e] = r.len(where);
      value = anyValue(buf, s, e, () => `${where()}.value`, depth);
    } else r.skip(wt, where);
  }
  return { key, ...value };
}

/** Appends one KeyValue field to a list. */
export function pushAttribute(r: Reader, list: Attribute[], where: Where, name: string): void {
  const [s, e] = r.len(where);
  const n = list.length;
  list.push(keyValue(r.buf, s, e, () => `${where()}.${name}[${n}]`, 0));
}

export function scopeOf(buf: Buffer, range: [number, number] | undefined, where: Where): Scope {
  if (!range) return emptyScope;
  const r = new Reader(buf, range[0], range[1]);
  let name = '';
  let version = '';
  const attributes: Attribute[] = [];
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'name', where)) name = r.string(where);
    else if (field === 2 && r.expect(wt, LEN, 'version', where)) version = r.string(where);
    else if (field === 3 && r.expect(wt, LEN, 'attributes', where))
      pushAttribute(r, attributes, where, 'attributes');
    else r.skip(wt, where);
  }
  return name || version || attributes.length ? { name, version, attributes } : emptyScope;
}

export function event(buf: Buffer, s: number, e: number, where: Where): SpanEvent {
  const r = new Reader(buf, s, e);
  let timeUnixNano = 0n;
  let name = '';
  const attributes: Attribute[] = [];
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, I64, 'timeUnixNano', where)) timeUnixNano = r.fixed64(where);
    else if (field === 2 && r.expect(wt, LEN, 'name', where)) name = r.string(where);
    else if (field === 3 && r.expect(wt, LEN, 'attributes', where))
      pushAttribute(r, attributes, where, 'attributes');
    else r.skip(wt, where);
  }
  return { timeUnixNano, name, attributes };
}

export function link(buf: Buffer, s: number, e: number, where: Where): SpanLink {
  const r = new Reader(buf, s, e);
  let traceId = ZERO_TRACE_ID;
  let spanId = ZERO_SPAN_ID;
  let traceState = '';
  const attributes: Attribute[] = [];
  while (r.pos < r.end) {
    const [field, wt] = r.tag(where);
    if (field === 1 && r.expect(wt, LEN, 'traceId', where))
      traceId = id(r, r.len(where), 16, () => `${where()}.traceId`, true) || ZERO_TRACE_ID;
    else if (field === 2 && r.expect(wt, LEN, 'spanId', where))
      spanId = id(r, r.len(where), 8, () => `${where()}.spanId`, true) || ZERO_SPAN_ID;
    else if (field === 3 && r.expect(wt, LEN, 'traceState', where)) traceState = r.string(where);
    else if (field === 4 && r.expect(wt, LEN, 'attributes', where))
      pushAttribute(r, attributes, where, 'attributes');
    else r.skip(wt, where);
  }
  return { traceId, spanId, traceState, attributes };
}
