/** A small, fast, healthy frontend-only request: the second search result next to the dispatch. */
import type { JaegerTrace } from '../../src/core/jaeger/jaegerJson';
import { DISPATCH_START_US } from './dispatchTrace';

export const CONFIG_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
/** 90 s before the dispatch request. */
export const CONFIG_START_US = DISPATCH_START_US - 90_000_000;

export const configTrace: JaegerTrace = {
  traceID: CONFIG_TRACE_ID,
  processes: {
    p1: { serviceName: 'frontend', tags: [{ key: 'hostname', type: 'string', value: 'web-7f9c' }] },
  },
  warnings: null,
  spans: [
    {
      traceID: CONFIG_TRACE_ID,
      spanID: 'c0ffee0000000001',
      operationName: 'HTTP GET /config',
      references: [],
      flags: 1,
      startTime: CONFIG_START_US,
      duration: 3_150,
      tags: [
        { key: 'span.kind', type: 'string', value: 'server' },
        { key: 'http.method', type: 'string', value: 'GET' },
        { key: 'http.status_code', type: 'int64', value: 200 },
      ],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
    {
      traceID: CONFIG_TRACE_ID,
      spanID: 'c0ffee0000000002',
      operationName: 'render config',
      references: [{ refType: 'CHILD_OF', traceID: CONFIG_TRACE_ID, spanID: 'c0ffee0000000001' }],
      flags: 1,
      startTime: CONFIG_START_US + 900,
      duration: 1_900,
      tags: [{ key: 'span.kind', type: 'string', value: 'internal' }],
      logs: [],
      processID: 'p1',
      warnings: null,
    },
  ],
};
