import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustTrace } from '../adjust/adjustTrace';
import type { Span } from '../model/trace';
import { spansFromOtlpJson } from './fromOtlpJson';
import { spansToOtlpJson, tracesToOtlpJson, WARNINGS_ATTRIBUTE } from './toOtlpJson';

const TRACE = '5b8efff798038103d269b633813fc60c';
const OTHER = '00000000000000000000000000000abc';

/** Written in the exact field order and omission rules of ptrace.JSONMarshaler. */
const rich = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'frontend' } },
          { key: 'host.cpu', value: { intValue: '-9223372036854775808' } },
          { key: 'empty', value: {} },
        ],
      },
      scopeSpans: [
        {
          scope: {
            name: 'lib',
            version: '1.2.3',
            attributes: [{ key: 'scope.attr', value: { boolValue: false } }],
          },
          spans: [
            {
              traceId: TRACE,
              spanId: 'eee19b7ec3c1b174',
              traceState: 'rojo=00f067aa0ba902b7',
              parentSpanId: 'eee19b7ec3c1b173',
              flags: 257,
              name: 'HTTP GET /dispatch',
              kind: 2,
              startTimeUnixNano: '1700000000000000001',
              endTimeUnixNano: '18446744073709551615',
              attributes: [
                { key: 's', value: { stringValue: 'text "quoted" <b>' } },
                { key: 'b', value: { boolValue: true } },
                { key: 'i', value: { intValue: '9223372036854775807' } },
                { key: 'd', value: { doubleValue: 72.5 } },
                { key: 'tiny', value: { doubleValue: 1.5e-7 } },
                { key: 'huge', value: { doubleValue: 1e21 } },
                { key: 'nan', value: { doubleValue: 'NaN' } },
                { key: 'inf', value: { doubleValue: '-Infinity' } },
                { key: 'bytes', value: { bytesValue: 'AQID/w==' } },
                {
                  key: 'arr',
                  value: {
                    arrayValue: {
                      values: [{ stringValue: 'a' }, { intValue: '1' }, { arrayValue: {} }],
                    },
                  },
                },
                {
                  key: 'map',
                  value: {
                    kvlistValue: {
                      values: [
                        { key: 'nested', value: { kvlistValue: {} } },
                        { key: 'x', value: { doubleValue: 0.1 } },
                      ],
                    },
                  },
                },
              ],
              events: [
                {
                  timeUnixNano: '1700000000000000500',
                  name: 'retry',
                  attributes: [{ key: 'attempt', value: { intValue: '2' } }],
                },
                { name: 'no-time' },
                {},
              ],
              links: [
                {
                  traceId: OTHER,
                  spanId: '0000000000000001',
                  traceState: 'k=v',
                  attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
                },
                { spanId: '0000000000000002' },
              ],
              status: { message: 'redis timeout', code: 2 },
            },
            { traceId: TRACE, spanId: '0000000000000003', name: 'bare', status: {} },
          ],
        },
        {
          scope: {},
          spans: [{ traceId: TRACE, spanId: '0000000000000004', kind: 5, status: { code: 1 } }],
        },
      ],
    },
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'driver' } }] },
      scopeSpans: [
        {
          scope: { name: 'lib' },
          spans: [{ traceId: OTHER, spanId: '0000000000000005', name: 'other trace', status: {} }],
        },
      ],
    },
  ],
};

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8'));

describe('spansToOtlpJson', () => {
  it('gives back, byte for byte, a rich OTLP/JSON request it was made from', () => {
    const spans = spansFromOtlpJson(rich);
    expect(JSON.stringify(spansToOtlpJson(spans))).toBe(JSON.stringify(rich));
  });

  it('round-trips Jaeger’s transform fixture, which only loses the schema URLs the model does not keep', () => {
    const input = fixture('otlp2jaeger-in.json');
    const expected = JSON.parse(
      JSON.stringify(input, (k, v: unknown) => (k === 'schemaUrl' ? undefined : v)),
    );
    expect(JSON.stringify(spansToOtlpJson(spansFromOtlpJson(input)))).toBe(JSON.stringify(expected));
  });

  it('omits empty messages’ fields but always writes resource, scope and status', () => {
    const [span] = spansFromOtlpJson({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: '0000000000000001' }] }] }],
    });
    const bare: Span = { ...span, resource: { serviceName: 'x', attributes: [] } };
    expect(spansToOtlpJson([bare])).toEqual({
      resourceSpans: [
        {
          resource: {},
          scopeSpans: [{ scope: {}, spans: [{ traceId: TRACE, spanId: '0000000000000001', status: {} }] }],
        },
      ],
    });
    expect(spansToOtlpJson([])).toEqual({});
  });

  it('re-encodes bytes as padded standard base64, as pdata does', () => {
    const [span] = spansFromOtlpJson(rich);
    const out = spansToOtlpJson([{ ...span, attributes: [{ key: 'b', type: 'binary', value: 'AQID_w' }] }]);
    expect(out.resourceSpans?.[0].scopeSpans?.[0].spans?.[0].attributes).toEqual([
      { key: 'b', value: { bytesValue: 'AQID/w==' } },
    ]);
  });
});

describe('warnings', () => {
  const [base] = spansFromOtlpJson(rich);
  const attrsOf = (span: Span) =>
    spansToOtlpJson([span]).resourceSpans?.[0].scopeSpans?.[0].spans?.[0].attributes ?? [];

  it('appends them as the @jaeger@warnings string array attribute', () => {
    const attrs = attrsOf({ ...base, attributes: [], warnings: ['first', 'second'] });
    expect(attrs).toEqual([
      {
        key: WARNINGS_ATTRIBUTE,
        value: { arrayValue: { values: [{ stringValue: 'first' }, { stringValue: 'second' }] } },
      },
    ]);
  });

  it('extends an existing warnings array in place, and drops them when that attribute is not an array', () => {
    const existing = spansFromOtlpJson({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: '0000000000000001',
                  attributes: [
                    { key: WARNINGS_ATTRIBUTE, value: { arrayValue: { values: [{ stringValue: 'old' }] } } },
                    { key: 'after', value: { stringValue: 'x' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    })[0];
    const attrs = attrsOf({ ...existing, warnings: ['new'] });
    expect(attrs.map((a) => a.key)).toEqual([WARNINGS_ATTRIBUTE, 'after']);
    expect(attrs[0].value).toEqual({
      arrayValue: { values: [{ stringValue: 'old' }, { stringValue: 'new' }] },
    });

    const scalar = {
      ...existing,
      attributes: [{ key: WARNINGS_ATTRIBUTE, type: 'string' as const, value: 's' }],
    };
    expect(attrsOf({ ...scalar, warnings: ['lost'] })).toEqual([
      { key: WARNINGS_ATTRIBUTE, value: { stringValue: 's' } },
    ]);
  });
});

describe('grouping', () => {
  it('keeps the batch grouping after the adjusters copied every resource and scope', () => {
    const spans = spansFromOtlpJson(rich).filter((s) => s.traceId === TRACE);
    const adjusted = adjustTrace({ traceId: TRACE, spans, warnings: [] });
    expect(adjusted.spans[0].resource).not.toBe(adjusted.spans[1].resource);
    const out = tracesToOtlpJson([adjusted]);
    expect(out.resourceSpans).toHaveLength(1);
    expect(out.resourceSpans?.[0].scopeSpans?.map((s) => s.spans?.length)).toEqual([2, 1]);
  });

  it('starts each trace of a search result with its own resourceSpans, in the given order', () => {
    const spans = spansFromOtlpJson(rich).filter((s) => s.traceId === TRACE);
    const one = { traceId: TRACE, spans: spans.slice(0, 1), warnings: [] };
    const two = { traceId: TRACE, spans: spans.slice(1, 2), warnings: [] };
    const out = tracesToOtlpJson([two, one]);
    expect(out.resourceSpans?.map((r) => r.scopeSpans?.[0].spans?.[0].spanId)).toEqual([
      '0000000000000003',
      'eee19b7ec3c1b174',
    ]);
    expect(tracesToOtlpJson([])).toEqual({});
  });
});
