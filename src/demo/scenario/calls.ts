/**
 * One service calling another: a CLIENT span in the caller, a SERVER span in the callee, and
 * the network in between. Attribute names follow the OpenTelemetry HTTP and RPC conventions.
 */
import type { Random } from '../random';
import { latency, serviceInfo } from './catalog';
import type { DemoService, PlannedAttributes } from './model';
import type { PlanBuilder } from './planBuilder';

/** What the callee's handler did between receiving the request and answering it. */
export interface Handled {
  endNs: number;
  /** The handler failed; it has already recorded why on the server span. */
  failed: boolean;
}

interface CallBase {
  parentId: number;
  from: DemoService;
  to: DemoService;
  startNs: number;
  random: Random;
  /** Domain attributes (customer_id, driver_id, ...) for both sides. */
  attributes: PlannedAttributes;
  /** Plans the callee's work; `atNs` is when its handler starts. */
  handle: (serverId: number, atNs: number) => Handled;
}

export interface HttpCall extends CallBase {
  /** The route, e.g. /customer; the demo's routes have no parameters, so it is also the path. */
  route: string;
  query: string;
}

export interface GrpcCall extends CallBase {
  rpcService: string;
  rpcMethod: string;
}

export interface CallResult {
  clientId: number;
  serverId: number;
  endNs: number;
  ok: boolean;
}

export function planHttpCall(b: PlanBuilder, call: HttpCall): CallResult {
  const server = serviceInfo[call.to];
  const name = `HTTP GET ${call.route}`;
  return planCall(b, call, {
    name,
    instrumentation: 'http',
    client: {
      'http.request.method': 'GET',
      'url.full': `http://${server.host}:${server.port}${call.route}?${call.query}`,
      'server.address': server.host,
      'server.port': server.port,
      'peer.service': call.to,
    },
    server: {
      'http.request.method': 'GET',
      'http.route': call.route,
      'url.path': call.route,
      'url.query': call.query,
      'url.scheme': 'http',
      'server.address': server.host,
      'server.port': server.port,
      'client.address': serviceInfo[call.from].ip,
      'network.protocol.version': '1.1',
    },
    outcome: (ok) => ({ 'http.response.status_code': ok ? 200 : 500 }),
    clientError: { type: '500', message: 'HTTP 500 Internal Server Error' },
  });
}

export function planGrpcCall(b: PlanBuilder, call: GrpcCall): CallResult {
  const server = serviceInfo[call.to];
  const rpc = {
    'rpc.system': 'grpc',
    'rpc.service': call.rpcService,
    'rpc.method': call.rpcMethod,
    'server.address': server.host,
    'server.port': server.port,
  };
  /** gRPC status code 2, what a handler that throws answers with. */
  const UNKNOWN = 2;
  return planCall(b, call, {
    name: `/${call.rpcService}/${call.rpcMethod}`,
    instrumentation: 'grpc',
    client: { ...rpc, 'peer.service': call.to },
    server: { ...rpc, 'client.address': serviceInfo[call.from].ip },
    outcome: (ok) => ({ 'rpc.grpc.status_code': ok ? 0 : UNKNOWN }),
    clientError: { type: 'UNKNOWN', message: 'rpc error: code = Unknown' },
  });
}

interface Protocol {
  name: string;
  instrumentation: 'http' | 'grpc';
  client: PlannedAttributes;
  server: PlannedAttributes;
  /** Response attributes, known only once the handler is done. */
  outcome: (ok: boolean) => PlannedAttributes;
  /** How the caller's instrumentation reports an error response: a status, not an exception. */
  clientError: { type: string; message: string };
}

function planCall(b: PlanBuilder, call: CallBase, protocol: Protocol): CallResult {
  const { random } = call;
  const clientId = b.open({
    parentId: call.parentId,
    service: call.from,
    instrumentation: protocol.instrumentation,
    name: protocol.name,
    kind: 'client',
    startNs: call.startNs,
    attributes: { ...protocol.client, ...call.attributes },
  });
  const serverStart = call.startNs + latency.network(random);
  const serverId = b.open({
    parentId: clientId,
    service: call.to,
    instrumentation: protocol.instrumentation,
    name: protocol.name,
    kind: 'server',
    startNs: serverStart,
    attributes: { ...protocol.server, ...call.attributes },
  });
  const handled = call.handle(serverId, serverStart + latency.handler(random));
  const serverEnd = handled.endNs + latency.handler(random);
  const outcome = protocol.outcome(!handled.failed);
  b.close(serverId, serverEnd, outcome);
  const clientEnd = serverEnd + latency.network(random);
  b.close(clientId, clientEnd, outcome);
  if (handled.failed) b.markError(clientId, protocol.clientError);
  return { clientId, serverId, endNs: clientEnd, ok: !handled.failed };
}
