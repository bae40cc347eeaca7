/**
 * Readers for the fields of Zipkin v2 JSON. Each one checks the type the Zipkin API (and
 * zipkin-go, which the collector decodes with) requires and throws a DecodeError naming the
 * field, so a sender can find what to fix.
 */
import { DecodeError } from '../model/decodeError';
import { ZERO_SPAN_ID } from '../model/ids';

export type Json = Record<string, unknown>;

const HEX = /^[0-9a-fA-F]+$/;

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Json;
}

export function optionalArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DecodeError(path, `expected an array, got ${describe(value)}`);
  return value;
}

export function optionalString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new DecodeError(path, `expected a string, got ${describe(value)}`);
  return value;
}

export function optionalBool(value: unknown, path: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new DecodeError(path, `expected true or false, got ${describe(value)}`);
  return value;
}

/**
 * Epoch or duration microseconds (a JSON integer, as zipkin-go's uint64) into nanoseconds.
 * Missing means 0. Past 2^53 a JSON number has already lost digits, so it is refused.
 */
export function microsToNanos(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DecodeError(path, `expected a whole number of microseconds ≥ 0, got ${describe(value)}`);
  }
  return BigInt(value) * 1000n;
}

/** A 64- or 128-bit trace ID (16 or 32 hex digits), as 32 lower-case digits. */
export function traceId(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === '') throw new DecodeError(path, 'is required (16 or 32 hex digits)');
  if ((text.length !== 16 && text.length !== 32) || !HEX.test(text)) {
    throw new DecodeError(path, `expected 16 or 32 hex digits, got ${describe(text)}`);
  }
  // 64-bit IDs (most Zipkin tracers) become the low half of a 128-bit ID, as in the collector.
  const padded = text.toLowerCase().padStart(32, '0');
  if (/^0+$/.test(padded)) throw new DecodeError(path, 'must not be all zeros');
  return padded;
}

/**
 * A 64-bit span ID (16 hex digits), lower-cased. An optional ID that is absent or all zeros
 * gives '' (zipkin-go reads a zero parent as "no parent").
 */
export function spanId(value: unknown, path: string, optional: boolean): string {
  const text = optionalString(value, path);
  if (text === '') {
    if (optional) return '';
    throw new DecodeError(path, 'is required (16 hex digits)');
  }
  if (text.length !== 16 || !HEX.test(text)) {
    throw new DecodeError(path, `expected 16 hex digits, got ${describe(text)}`);
  }
  const lower = text.toLowerCase();
  if (lower === ZERO_SPAN_ID) {
    if (optional) return '';
    throw new DecodeError(path, 'must not be all zeros');
  }
  return lower;
}

/** `tags`: an object of string values only (Zipkin v2 has no typed tags). */
export function stringMap(value: unknown, path: string): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined || value === null) return out;
  for (const [key, v] of Object.entries(object(value, path))) {
    if (typeof v !== 'string') {
      throw new DecodeError(`${path}.${key}`, `expected a string tag value, got ${describe(v)}`);
    }
    out.set(key, v);
  }
  return out;
}

export interface Endpoint {
  readonly serviceName: string;
  /** The IPv6 address when both are given (the collector writes ipv4, then ipv6 over it). */
  readonly ip: string;
  /** 0 when absent. */
  readonly port: number;
}

export function endpoint(value: unknown, path: string): Endpoint | undefined {
  if (value === undefined || value === null) return undefined;
  const e = object(value, path);
  const ipv4 = ipAddress(e.ipv4, `${path}.ipv4`);
  const ipv6 = ipAddress(e.ipv6, `${path}.ipv6`);
  let port = 0;
  if (e.port !== undefined && e.port !== null) {
    if (typeof e.port !== 'number' || !Number.isInteger(e.port) || e.port < 0 || e.port > 65535) {
      throw new DecodeError(`${path}.port`, `expected a port number 0–65535, got ${describe(e.port)}`);
    }
    port = e.port;
  }
  return { serviceName: optionalString(e.serviceName, `${path}.serviceName`), ip: ipv6 || ipv4, port };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** An IP address in either notation (Go's net.ParseIP accepts both in either field), or ''. */
function ipAddress(value: unknown, path: string): string {
  const text = optionalString(value, path);
  if (text === '' || IPV4.test(text)) return text;
  if (isIpv6(text)) return text.toLowerCase();
  throw new DecodeError(path, `expected an IP address, got ${describe(text)}`);
}

function isIpv6(text: string): boolean {
  let head = text;
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
    if (!IPV4.test(tail)) return false;
    head = `${text.slice(0, text.length - tail.length)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (!groups.every((g) => HEXTET.test(g))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
