/**
 * Protobuf wire-format reading for the OTLP decoder (otlpWireDecode.ts). One cursor walks the
 * whole request: sub-messages narrow its `end` instead of allocating readers, and the path to
 * the current field is a stack of names and indexes that is turned into text only when
 * something is wrong. Field numbers follow the vendored schema in ./proto; unknown fields are
 * skipped, as protobuf requires.
 */
import type { Attribute, AttributeValue } from '../../core/model/attributes';
import { DecodeError } from '../../core/model/decodeError';
import { MAX_ATTRIBUTE_DEPTH } from '../../core/otlp/fromOtlpJson';
import { WireCache } from './wireCache';

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

export class Cursor {
  pos = 0;
  end: number;
  /** Field names and repeated-field indexes leading to the current field. */
  readonly path: (string | number)[] = [];
  constructor(readonly buf: Buffer) {
    this.end = buf.length;
  }

  where(): string {
    let out = '';
    for (const p of this.path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
    return out;
  }

  /** The bytes are not a well-formed message. */
  malformed(detail: string): never {
    const at = this.where();
    throw new DecodeError(
      '',
      `invalid protobuf ExportTraceServiceRequest${at ? ` at ${at}` : ''}: ${detail}`,
    );
  }

  /** The message is well-formed but a value is not acceptable. */
  invalid(field: string, detail: string): never {
    const at = this.where();
    throw new DecodeError(at ? `${at}.${field}` : field, detail);
  }
}

export function uint32(c: Cursor): number {
  const buf = c.buf;
  let result = 0;
  let shift = 0;
  while (true) {
    if (c.pos >= c.end) c.malformed('message truncated inside a varint');
    const b = buf[c.pos++];
    if (shift < 28) result |= (b & 0x7f) << shift;
    else if (shift === 28) result |= (b & 0x0f) << 28;
    if (b < 0x80) return result >>> 0;
    shift += 7;
    if (shift > 63) c.malformed('varint longer than 10 bytes');
  }
}

/** A varint as a signed 64-bit integer (int64's two's complement encoding). */
export function int64(c: Cursor): bigint {
  const buf = c.buf;
  let lo = 0;
  let hi = 0;
  let shift = 0;
  while (true) {
    if (c.pos >= c.end) c.malformed('message truncated inside a varint');
    const b = buf[c.pos++];
    if (shift < 28) lo |= (b & 0x7f) << shift;
    else if (shift === 28) {
      lo |= (b & 0x0f) << 28;
      hi |= (b & 0x7f) >> 4;
    } else hi |= (b & 0x7f) << (shift - 32);
    if (b < 0x80) break;
    shift += 7;
    if (shift > 63) c.malformed('varint longer than 10 bytes');
  }
  if (hi === 0) return BigInt(lo >>> 0);
  return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}

/** Eight bytes copied here are read back as one bigint: one allocation, where Buffer's reader makes four. */
const fixed64Value = new BigUint64Array(1);
const fixed64Bytes = new Uint8Array(fixed64Value.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function fixed64(c: Cursor): bigint {
  if (c.pos + 8 > c.end) c.malformed('message truncated inside a fixed64');
  const buf = c.buf;
  const p = c.pos;
  c.pos = p + 8;
  if (!LITTLE_ENDIAN) return buf.readBigUInt64LE(p);
  const bytes = fixed64Bytes;
  bytes[0] = buf[p];
  bytes[1] = buf[p + 1];
  bytes[2] = buf[p + 2];
  bytes[3] = buf[p + 3];
  bytes[4] = buf[p + 4];
  bytes[5] = buf[p + 5];
  bytes[6] = buf[p + 6];
  bytes[7] = buf[p + 7];
  return fixed64Value[0];
}

export function fixed32(c: Cursor): number {
  if (c.pos + 4 > c.end) c.malformed('message truncated inside a fixed32');
  const v = c.buf.readUInt32LE(c.pos);
  c.pos += 4;
  return v;
}

/** Reads a length prefix and returns the end of the field it announces; `pos` is its start. */
export function lengthEnd(c: Cursor): number {
  const n = uint32(c);
  if (c.pos + n > c.end) c.malformed(`field of ${n} bytes runs past the end of its message`);
  return c.pos + n;
}

/** Strings up to 64 bytes (keys, names, most values) come from the cache when seen lately. */
const strings = new WireCache<string>(12, 64);
/** Trace IDs repeat across the spans of a trace, span IDs as the parents of others. */
const traceIds = new WireCache<string>(12, 16);
const spanIds = new WireCache<string>(12, 8);

export function string(c: Cursor): string {
  const end = lengthEnd(c);
  const buf = c.buf;
  const start = c.pos;
  c.pos = end;
  if (end === start) return '';
  const cached = strings.lookup(buf, start, end);
  if (cached !== undefined) return cached;
  const slot = strings.slot;
  const text = buf.toString('utf8', start, end);
  strings.remember(slot, buf, start, end, text);
  return text;
}

/** A trace or span ID as lower-case hex; '' for an empty or all-zero ID when it is optional. */
export function id(c: Cursor, bytes: 8 | 16, field: string, optional: boolean): string {
  const end = lengthEnd(c);
  const buf = c.buf;
  const start = c.pos;
  c.pos = end;
  if (end === start) {
    if (optional) return '';
    c.invalid(field, `is required (${bytes} bytes)`);
  }
  if (end - start !== bytes) c.invalid(field, `expected ${bytes} bytes, got ${end - start}`);
  const cache = bytes === 16 ? traceIds : spanIds;
  const cached = cache.lookup(buf, start, end);
  if (cached !== undefined) return cached;
  const slot = cache.slot;
  let any = 0;
  for (let i = start; i < end; i++) any |= buf[i];
  if (any === 0) {
    if (optional) return '';
    c.invalid(field, 'must not be all zeros');
  }
  const hex = bytes === 8 ? hex8(buf, start) : hex16(buf, start);
  cache.remember(slot, buf, start, end, hex);
  return hex;
}

/** Lower-case hex digits by value. */
const HEX_DIGITS = Array.from('0123456789abcdef', (d) => d.charCodeAt(0));

/*
 * Eight or sixteen bytes as lower-case hex, as `buf.toString('hex', …)` but built in one string
 * allocation without a call into the runtime, which costs more than the conversion itself.
 */

/** A span ID. */
function hex8(b: Buffer, at: number): string {
  const d = HEX_DIGITS;
  // prettier-ignore
  return String.fromCharCode(
    d[b[at] >> 4], d[b[at] & 15], d[b[at + 1] >> 4], d[b[at + 1] & 15], d[b[at + 2] >> 4], d[b[at + 2] & 15], d[b[at + 3] >> 4], d[b[at + 3] & 15],
    d[b[at + 4] >> 4], d[b[at + 4] & 15], d[b[at + 5] >> 4], d[b[at + 5] & 15], d[b[at + 6] >> 4], d[b[at + 6] & 15], d[b[at + 7] >> 4], d[b[at + 7] & 15],
  );
}

/** A trace ID: one flat string (two halves joined would make a rope to flatten later). */
function hex16(b: Buffer, at: number): string {
  const d = HEX_DIGITS;
  // prettier-ignore
  return String.fromCharCode(
    d[b[at] >> 4], d[b[at] & 15], d[b[at + 1] >> 4], d[b[at + 1] & 15], d[b[at + 2] >> 4], d[b[at + 2] & 15], d[b[at + 3] >> 4], d[b[at + 3] & 15],
    d[b[at + 4] >> 4], d[b[at + 4] & 15], d[b[at + 5] >> 4], d[b[at + 5] & 15], d[b[at + 6] >> 4], d[b[at + 6] & 15], d[b[at + 7] >> 4], d[b[at + 7] & 15],
    d[b[at + 8] >> 4], d[b[at + 8] & 15], d[b[at + 9] >> 4], d[b[at + 9] & 15], d[b[at + 10] >> 4], d[b[at + 10] & 15], d[b[at + 11] >> 4], d[b[at + 11] & 15],
    d[b[at + 12] >> 4], d[b[at + 12] & 15], d[b[at + 13] >> 4], d[b[at + 13] & 15], d[b[at + 14] >> 4], d[b[at + 14] & 15], d[b[at + 15] >> 4], d[b[at + 15] & 15],
  );
}

export function skip(c: Cursor, wireType: number): void {
  switch (wireType) {
    case VARINT:
      int64(c);
      return;
    case I64:
      fixed64(c);
      return;
    case LEN:
      c.pos = lengthEnd(c);
      return;
    case I32:
      fixed32(c);
      return;
    default:
      c.malformed(`unsupported wire type ${wireType}`);
  }
}

/** Returns the field number after checking its wire type against what the schema says. */
export function expectWire(c: Cursor, wireType: number, expected: number, name: string): void {
  if (wireType !== expected) c.malformed(`field ${name} has wire type ${wireType}, expected ${expected}`);
}

function anyValue(
  c: Cursor,
  end: number,
  key: string | undefined,
  depth: number,
): Attribute | AttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH)
    c.invalid('value', `attribute value nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels`);
  let type: AttributeValue['type'] = 'empty';
  let value: AttributeValue['value'] = null;
  const saved = c.end;
  c.end = end;
  while (c.pos < end) {
    const t = uint32(c);
    const field = t >>> 3;
    const wt = t & 7;
    if (field === 1 && wt === LEN) {
      type = 'string';
      value = string(c);
    } else if (field === 2 && wt === VARINT) {
      type = 'bool';
      value = int64(c) !== 0n;
    } else if (field === 3 && wt === VARINT) {
      type = 'int64';
      value = int64(c);
    } else if (field === 4 && wt === I64) {
      if (c.pos + 8 > end) c.malformed('message truncated inside a double');
      type = 'float64';
      value = c.buf.readDoubleLE(c.pos);
      c.pos += 8;
    } else if (field === 7 && wt === LEN) {
      const e = lengthEnd(c);
      type = 'binary';
      value = c.buf.toString('base64', c.pos, e);
      c.pos = e;
    } else if ((field === 5 || field === 6) && wt === LEN) {
      const e = lengthEnd(c);
      const items: (Attribute | AttributeValue)[] = [];
      c.path.push(field === 5 ? 'arrayValue' : 'kvlistValue', 'values', 0);
      const savedInner = c.end;
      c.end = e;
      while (c.pos < e) {
        const it = uint32(c);
        if (it >>> 3 !== 1) {
          skip(c, it & 7);
          continue;
        }
        expectWire(c, it & 7, LEN, 'values');
        c.path[c.path.length - 1] = items.length;
        const ve = lengthEnd(c);
        items.push(field === 5 ? anyValue(c, ve, undefined, depth + 1) : keyValue(c, ve, depth + 1));
      }
      c.end = savedInner;
      c.path.length -= 3;
      type = field === 5 ? 'array' : 'map';
      value = items as never;
    } else if (field >= 1 && field <= 7) c.malformed(`value field ${field} has wire type ${wt}`);
    else skip(c, wt);
  }
  c.end = saved;
  return (key === undefined ? { type, value } : { key, type, value }) as Attribute;
}

/** A KeyValue message ending at `end`. */
export function keyValue(c: Cursor, end: number, depth: number): Attribute {
  let key = '';
  let attribute: Attribute | undefined;
  const saved = c.end;
  c.end = end;
  while (c.pos < end) {
    const t = uint32(c);
    const field = t >>> 3;
    if (field === 1) {
      expectWire(c, t & 7, LEN, 'key');
      key = string(c);
    } else if (field === 2) {
      expectWire(c, t & 7, LEN, 'value');
      const e = lengthEnd(c);
      c.path.push('value');
      attribute = anyValue(c, e, key, depth) as Attribute;
      c.path.pop();
    } else skip(c, t & 7);
  }
  c.end = saved;
  // The key normally comes first on the wire; if it followed the value, put it in now.
  if (!attribute) return { key, type: 'empty', value: null };
  return attribute.key === key ? attribute : { ...attribute, key };
}

/** Whole scalar attributes (key and value) repeat even more than their strings. */
const attributes = new WireCache<Attribute>(12, 128);

/** Appends the KeyValue at the cursor (a repeated `attributes` field) to a list. */
export function pushAttribute(c: Cursor, list: Attribute[]): void {
  putAttribute(c, list, list.length);
}

/**
 * Puts the KeyValue at the cursor at `list[index]`: a list reused from span to span is filled
 * from 0 again instead of being truncated (setting an array's length is a call into the runtime).
 */
export function putAttribute(c: Cursor, list: Attribute[], index: number): void {
  const end = lengthEnd(c);
  const start = c.pos;
  const cached = attributes.lookup(c.buf, start, end);
  if (cached !== undefined) {
    list[index] = cached;
    c.pos = end;
    return;
  }
  const slot = attributes.slot;
  c.path.push('attributes', index);
  const attribute = keyValue(c, end, 0);
  list[index] = attribute;
  c.path.length -= 2;
  c.pos = end;
  // Arrays and maps are left out: their values are objects of their own, and rarer.
  if (attribute.type !== 'array' && attribute.type !== 'map')
    attributes.remember(slot, c.buf, start, end, attribute);
}
