/**
 * A HotROD-style "dispatch" request in Jaeger's v1 JSON, hand-written so every number is known:
 * the frontend asks customer (which queries MySQL) and then driver, whose second Redis lookup
 * times out. 8 spans, 3 services, 1 error, 512.4 ms, depth 4.
 */
import type { JaegerKeyValue, JaegerSpan, JaegerTrace } from '../../src/core/jaeger/jaegerJson';

export const DISPATCH_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
/** 2025-11-24T16:00:00Z in epoch microseconds. */
export const DISPATCH_START_US = 1_764_000_000_000_000;

const str = (key: string, value: string): JaegerKeyValue => ({ key, type: 'string', value });
const int = (key: string, value: number): JaegerKeyValue => ({ key, type: 'int64', value });

function span(
  spanID: string,
  parentSpanID: string | null,
  processID: string,
  operationName: string,
  offsetUs: number,
  duration: number,
  tags: JaegerKeyValue[],
): JaegerSpan {
  return {
    traceID: DISPATCH_TRACE_ID,
    spanID,
    operationName,
    references: parentSpanID
      ? [{ refType: 'CHILD_OF', traceID: DISPATCH_TRACE_ID, spanID: parentSpanID }]
      : [],
    flags: 1,
    startTime: DISPATCH_START_US + offsetUs,
    duration,
    tags,
    logs: [],
    processID,
    warnings: null,
  };
}

const redisTimeout = span('a1b2c3d4e5f60007', 'a1b2c3d4e5f60005', 'p3', 'GetDriver', 312_900, 45_900, [
  str('span.kind', 'internal'),
  str('db.system', 'redis'),
  str('otel.status_code', 'ERROR'),
  str('otel.status_description', 'redis timeout'),
  { key: 'error', type: 'bool', value: true },
  str('driver.id', 'T751767C'),
]);
redisTimeout.logs = [
  {
    timestamp: DISPATCH_START_US + 358_700,
    fields: [str('event', 'exception'), str('exception.message', 'redis timeout after 45ms')],
  },
];

export const dispatchTrace: JaegerTrace = {
  traceID: DISPATCH_TRACE_ID,
  processes: {
    p1: { serviceName: 'frontend', tags: [str('hostname', 'web-7f9c'), str('ip', '10.0.4.12')] },
    p2: { serviceName: 'customer', tags: [str('hostname', 'customer-2b41'), str('ip', '10.0.5.3')] },
    p3: { serviceName: 'driver', tags: [str('hostname', 'driver-91ad'), str('ip', '10.0.6.8')] },
  },
  warnings: null,
  spans: [
    span('a1b2c3d4e5f60001', null, 'p1', 'HTTP GET /dispatch', 0, 512_400, [
      str('span.kind', 'server'),
      str('http.method', 'GET'),
      str('http.url', '/dispatch?customer=123'),
      int('http.status_code', 200),
    ]),
    span('a1b2c3d4e5f60002', 'a1b2c3d4e5f60001', 'p1', 'HTTP GET /customer', 1_200, 291_000, [
      str('span.kind', 'client'),
      str('http.method', 'GET'),
      str('peer.service', 'customer'),
    ]),
    span('a1b2c3d4e5f60003', 'a1b2c3d4e5f60002', 'p2', 'HTTP GET /customer', 1_900, 289_500, [
      str('span.kind', 'server'),
      str('http.method', 'GET'),
      int('http.status_code', 200),
    ]),
    span('a1b2c3d4e5f60004', 'a1b2c3d4e5f60003', 'p2', 'SQL SELECT', 2_400, 287_800, [
      str('span.kind', 'client'),
      str('db.system', 'mysql'),
      str('peer.service', 'mysql'),
      str('db.statement', 'SELECT * FROM customer WHERE customer_id=123'),
    ]),
    span('a1b2c3d4e5f60008', 'a1b2c3d4e5f60001', 'p1', 'driver.DriverService/FindNearest', 294_000, 210_300, [
      str('span.kind', 'client'),
      str('rpc.system', 'grpc'),
      str('peer.service', 'driver'),
    ]),
    span('a1b2c3d4e5f60005', 'a1b2c3d4e5f60008', 'p3', 'driver.DriverService/FindNearest', 294_800, 209_100, [
      str('span.kind', 'server'),
      str('rpc.system', 'grpc'),
    ]),
    span('a1b2c3d4e5f60006', 'a1b2c3d4e5f60005', 'p3', 'FindDriverIDs', 295_200, 17_600, [
      str('span.kind', 'internal'),
      str('db.system', 'redis'),
    ]),
    redisTimeout,
  ],
};
