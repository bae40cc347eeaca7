/**
 * OTLP protobuf (ExportTraceServiceRequest) into the trace model, with protobufjs over the
 * vendored schema in ./proto. Shared by OTLP/HTTP and OTLP/gRPC.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { Attribute, AttributeValue } from '../../core/model/attributes';
import { DecodeError } from '../../core/model/decodeError';
import { bytesToBase64, bytesToHex, ZERO_SPAN_ID, ZERO_TRACE_ID } from '../../core/model/ids';
import type { Scope, Span, SpanKind, StatusCode } from '../../core/model/trace';
import { emptyScope } from '../../core/model/trace';
import { MAX_ATTRIBUTE_DEPTH } from '../../core/otlp/fromOtlpJson';
import { makeResource } from '../../core/otlp/resource';

const protoDir = fileURLToPath(new URL('./proto/', import.meta.url));
export const otlpRoot = new protobuf.Root().loadSync([
  `${protoDir}trace_service.proto`,
  `${protoDir}status.proto`,
]);
otlpRoot.resolveAll();

export const ExportTraceServiceRequest = otlpRoot.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = otlpRoot.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);

/* The decoded message shapes protobufjs produces (camelCase fields, Long for 64-bit numbers). */
interface LongLike {
  low: number;
  high: number;
}
type U64 = LongLike | number | null | undefined;
interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}
interface PbAnyValue {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: U64;
  doubleValue?: number;
  bytesValue?: Uint8Array;
  arrayValue?: { values?: PbAnyValue[] } | null;
  kvlistValue?: { values?: PbKeyValue[] } | null;
}
interface PbStatus {
  code?: number;
  message?: string;
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  flags?: number;
  name?: string;
  kind?: number;
  startTimeUnixNano?: U64;
  endTimeUnixNano?: U64;
  attributes?: PbKeyValue[];
  events?: { timeUnixNano?: U64; name?: string; attributes?: PbKeyValue[] }[];
  links?: { traceId?: Uint8Array; spanId?: Uint8Array; traceState?: string; attributes?: PbKeyValue[] }[];
  status?: PbStatus | null;
}
interface PbRequest {
  resourceSpans?: {
    resource?: { attributes?: PbKeyValue[] } | null;
    scopeSpans?: {
      scope?: { name?: string; version?: string; attributes?: PbKeyValue[] } | null;
      spans?: PbSpan[];
    }[];
  }[];
}

function u64(v: U64): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === 'number') return BigInt(v);
  return (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
}

function value(v: PbAnyValue | null | undefined, path: string, depth: number): AttributeValue {
  if (depth > MAX_ATTRIBUTE_DEPTH) {
    throw new DecodeError(path, `attribute value nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels`);
  }
  switch (v?.value) {
    case 'stringValue':
      return { type: 'string', value: v.stringValue ?? '' };
    case 'boolValue':
      return { type: 'bool', value: v.boolValue ?? false };
    case 'intValue':
      return { type: 'int64', value: BigInt.asIntN(64, u64(v.intValue)) };
    case 'doubleValue':
      return { type: 'float64', value: v.doubleValue ?? 0 };
    case 'bytesValue':
      return { type: 'binary', value: bytesToBase64(v.bytesValue ?? new Uint8Array()) };
    case 'arrayValue':
      return {
        type: 'array',
        value: (v.arrayValue?.values ?? []).map((x, i) =>
          value(x, `${path}.arrayValue.values[${i}]`, depth + 1),
        ),
      };
    case 'kvlistValue':
      return {
        type: 'map',
        value: (v.kvlistValue?.values ?? []).map((x, i) =>
          keyValue(x, `${path}.kvlistValue.values[${i}]`, depth + 1),
        ),
      };
    default:
      return { type: 'empty', value: null };
  }
}

function keyValue(kv: PbKeyValue, path: string, depth: number): Attribute {
  return { key: kv.key, ...value(kv.value, `${path}.value`, depth) };
}

function attributes(list: PbKeyValue[] | undefined, path: string): Attribute[] {
  if (!list || list.length === 0) return [];
  return list.map((kv, i) => keyValue(kv, `${path}[${i}]`, 0));
}

function id(bytes: Uint8Array | undefined, length: 8 | 16, path: string, optional: boolean): string {
  if (!bytes || bytes.length === 0) {
    if (optional) return '';
    throw new DecodeError(path, `is required (${length} bytes)`);
  }
  if (bytes.length !== length) throw new DecodeError(path, `expected ${length} bytes, got ${bytes.length}`);
  const hex = bytesToHex(bytes);
  if (hex === ZERO_TRACE_ID || hex === ZERO_SPAN_ID) {
    if (optional) return '';
    throw new DecodeError(path, 'must not be all zeros');
  }
  return hex;
}

/** Decodes a protobuf ExportTraceServiceRequest body; throws DecodeError on malformed input. */
export function spansFromOtlpProtobuf(body: Uint8Array): Span[] {
  let message: PbRequest;
  try {
    message = ExportTraceServiceRequest.decode(body) as unknown as PbRequest;
  } catch (err) {
    throw new DecodeError(
      '',
      `invalid protobuf ExportTraceServiceRequest: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return spansFromOtlpMessage(message);
}

/** Converts an already decoded request (the gRPC server decodes for us). */
export function spansFromOtlpMessage(message: PbRequest): Span[] {
  const out: Span[] = [];
  for (const [i, rs] of (message.resourceSpans ?? []).entries()) {
    const rsPath = `resourceSpans[${i}]`;
    const resource = makeResource(attributes(rs.resource?.attributes, `${rsPath}.resource.attributes`));
    for (const [j, ss] of (rs.scopeSpans ?? []).entries()) {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      const sc = ss.scope;
      const scopeAttrs = attributes(sc?.attributes, `${ssPath}.scope.attributes`);
      const scope: Scope =
        sc && (sc.name || sc.version || scopeAttrs.length)
          ? { name: sc.name ?? '', version: sc.version ?? '', attributes: scopeAttrs }
          : emptyScope;
      for (const [k, s] of (ss.spans ?? []).entries()) {
        const path = `${ssPath}.spans[${k}]`;
        out.push({
          traceId: id(s.traceId, 16, `${path}.traceId`, false),
          spanId: id(s.spanId, 8, `${path}.spanId`, false),
          parentSpanId: id(s.parentSpanId, 8, `${path}.parentSpanId`, true),
          traceState: s.traceState ?? '',
          flags: s.flags ?? 0,
          name: s.name ?? '',
          kind: (s.kind ?? 0) as SpanKind,
          startTimeUnixNano: u64(s.startTimeUnixNano),
          endTimeUnixNano: u64(s.endTimeUnixNano),
          attributes: attributes(s.attributes, `${path}.attributes`),
          events: (s.events ?? []).map((e, n) => ({
            timeUnixNano: u64(e.timeUnixNano),
            name: e.name ?? '',
            attributes: attributes(e.attributes, `${path}.events[${n}].attributes`),
          })),
          links: (s.links ?? []).map((l, n) => ({
            traceId: id(l.traceId, 16, `${path}.links[${n}].traceId`, true) || ZERO_TRACE_ID,
            spanId: id(l.spanId, 8, `${path}.links[${n}].spanId`, true) || ZERO_SPAN_ID,
            traceState: l.traceState ?? '',
            attributes: attributes(l.attributes, `${path}.links[${n}].attributes`),
          })),
          status: {
            code: ((s.status?.code ?? 0) > 2 ? 0 : (s.status?.code ?? 0)) as StatusCode,
            message: s.status?.message ?? '',
          },
          resource,
          scope,
          warnings: [],
        });
      }
    }
  }
  return out;
}

/** An empty (full success) or partial-success response body. */
export function encodeExportResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  // A full success may carry a message too (warnings, in the OTLP specification's words).
  const payload =
    rejectedSpans > 0 || errorMessage !== '' ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.create(payload)).finish();
}
