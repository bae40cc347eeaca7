/**
 * Zipkin v2 JSON (`POST /api/v2/spans`: an array of spans) into the trace model, with the rules
 * of the OpenTelemetry collector's zipkin receiver (contrib `pkg/translator/zipkin/zipkinv2`)
 * that Jaeger v2 runs: localEndpoint.serviceName → service.name, tags → string attributes,
 * `error` → status ERROR, annotations → events, 64-bit trace IDs left-padded to 128 bits.
 * One bad span fails the whole batch with a DecodeError naming the field, as in the collector.
 */
import type { Attribute } from '../model/attributes';
import { DecodeError } from '../model/decodeError';
import type { Resource, Scope, Span, SpanEvent } from '../model/trace';
import { emptyScope } from '../model/trace';
import { makeResource } from '../otlp/resource';
import {
  describe,
  endpoint,
  microsToNanos,
  object,
  optionalArray,
  optionalBool,
  optionalString,
  spanId,
  stringMap,
  traceId,
  type Endpoint,
} from './zipkinFields';
import {
  eventOf,
  isNonSpanTag,
  isResourceTag,
  scopeTags,
  SERVICE_NAME_SOURCE_TAG,
  takeKind,
  takeLinks,
  takeStatus,
} from './zipkinTags';

/** Set on spans that came without a timestamp; they start at the Unix epoch, as in the collector. */
export const START_TIME_ABSENT = 'otel.zipkin.absentField.startTime';

/**
 * Attribute names for the endpoints: the semconv 1.38+ names for addresses and the peer
 * service (the translator's Emit-V1 network conventions, on by default since contrib v0.147),
 * the older ones for ports, which that migration left alone.
 */
export const ENDPOINT_ATTRIBUTES = {
  localAddress: 'network.local.address',
  localPort: 'net.host.port',
  peerService: 'service.peer.name',
  peerAddress: 'network.peer.address',
  peerPort: 'net.peer.port',
} as const;

/** Shares resource and scope objects between spans of one batch, like one OTLP request. */
interface BatchContext {
  resources: Map<string, Resource>;
  scopes: Map<string, Scope>;
}

export function spansFromZipkinV2(body: unknown): Span[] {
  if (!Array.isArray(body)) {
    throw new DecodeError('', `expected a JSON array of Zipkin v2 spans, got ${describe(body)}`);
  }
  const ctx: BatchContext = { resources: new Map(), scopes: new Map() };
  const out: Span[] = [];
  for (const [i, value] of body.entries()) {
    // zipkin-go decodes a null entry as a nil span, which the translator skips.
    if (value === null) continue;
    out.push(convertSpan(value, `spans[${i}]`, ctx));
  }
  return out;
}

function convertSpan(value: unknown, path: string, ctx: BatchContext): Span {
  const z = object(value, path);
  const trace = traceId(z.traceId, `${path}.traceId`);
  const id = spanId(z.id, `${path}.id`, false);
  const parent = spanId(z.parentId, `${path}.parentId`, true);
  const name = optionalString(z.name, `${path}.name`);
  const kindText = optionalString(z.kind, `${path}.kind`);
  const start = microsToNanos(z.timestamp, `${path}.timestamp`);
  const duration = microsToNanos(z.duration, `${path}.duration`);
  // Checked for type, then dropped: the translator has no use for them. `shared` marks the
  // server half of a span ID shared with its client, which the query side tells apart by kind.
  optionalBool(z.shared, `${path}.shared`);
  optionalBool(z.debug, `${path}.debug`);
  const local = endpoint(z.localEndpoint, `${path}.localEndpoint`);
  const remote = endpoint(z.remoteEndpoint, `${path}.remoteEndpoint`);
  const tags = stringMap(z.tags, `${path}.tags`);
  const events = optionalArray(z.annotations, `${path}.annotations`).map((a, i) =>
    annotation(a, `${path}.annotations[${i}]`),
  );

  const resource = resourceOf(local?.serviceName ?? '', tags, ctx);
  const scope = scopeOf(tags, ctx);
  const traceState = tags.get('w3c.tracestate') ?? '';
  tags.delete('w3c.tracestate');
  const kind = takeKind(kindText, tags);
  const status = takeStatus(tags);
  const links = takeLinks(tags);

  const attributes = new Map<string, Attribute>();
  const put = (a: Attribute) => attributes.set(a.key, a);
  for (const [key, v] of tags) if (!isNonSpanTag(key)) put({ key, type: 'string', value: v });
  putEndpoint(put, local, ENDPOINT_ATTRIBUTES.localAddress, ENDPOINT_ATTRIBUTES.localPort);
  if (remote?.serviceName)
    put({ key: ENDPOINT_ATTRIBUTES.peerService, type: 'string', value: remote.serviceName });
  putEndpoint(put, remote, ENDPOINT_ATTRIBUTES.peerAddress, ENDPOINT_ATTRIBUTES.peerPort);
  if (start === 0n) put({ key: START_TIME_ABSENT, type: 'bool', value: true });

  return {
    traceId: trace,
    spanId: id,
    // Some tracers write a root's own ID as its parent.
    parentSpanId: parent === id ? '' : parent,
    traceState,
    flags: 0,
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + duration,
    attributes: [...attributes.values()],
    events,
    links,
    status,
    resource,
    scope,
    warnings: [],
  };
}

function putEndpoint(
  put: (a: Attribute) => void,
  e: Endpoint | undefined,
  addressKey: string,
  portKey: string,
): void {
  if (!e) return;
  if (e.ip) put({ key: addressKey, type: 'string', value: e.ip });
  if (e.port > 0) put({ key: portKey, type: 'int64', value: BigInt(e.port) });
}

function annotation(value: unknown, path: string): SpanEvent {
  const a = object(value, path);
  const time = microsToNanos(a.timestamp, `${path}.timestamp`);
  // zipkin-go refuses annotations without a time.
  if (time === 0n) throw new DecodeError(`${path}.timestamp`, 'is required (epoch microseconds)');
  const { name, attributes } = eventOf(optionalString(a.value, `${path}.value`));
  return { timeUnixNano: time, name, attributes };
}

/**
 * The process: service.name from localEndpoint plus the resource-describing tags. A span
 * without a service name gets none of those (the translator drops them), and the model's
 * `missing-service-name`.
 */
function resourceOf(serviceName: string, tags: Map<string, string>, ctx: BatchContext): Resource {
  const attrs = new Map<string, string>();
  if (serviceName) {
    attrs.set(tags.get(SERVICE_NAME_SOURCE_TAG) || 'service.name', serviceName);
    for (const [key, v] of tags) if (isResourceTag(key)) attrs.set(key, v);
  }
  const cacheKey = JSON.stringify([...attrs]);
  let resource = ctx.resources.get(cacheKey);
  if (!resource) {
    resource = makeResource([...attrs].map(([key, value]) => ({ key, type: 'string', value })));
    ctx.resources.set(cacheKey, resource);
  }
  return resource;
}

function scopeOf(tags: ReadonlyMap<string, string>, ctx: BatchContext): Scope {
  const { name, version } = scopeTags(tags);
  // As in the translator, a version without a library name does not make a scope.
  if (!name) return emptyScope;
  const cacheKey = JSON.stringify([name, version]);
  let scope = ctx.scopes.get(cacheKey);
  if (!scope) {
    scope = { name, version, attributes: [] };
    ctx.scopes.set(cacheKey, scope);
  }
  return scope;
}
