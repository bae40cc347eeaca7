import { describe, expect, it } from 'vitest';
import { spansFromOtlpJson } from './fromOtlpJson';

const request = (span: Record<string, unknown>) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'GET /cart',
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
              ...span,
            },
          ],
        },
      ],
    },
  ],
});

describe('spansFromOtlpJson enums', () => {
  it('reads kinds and status codes by name or number', () => {
    const [byName] = spansFromOtlpJson(
      request({ kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_ERROR' } }),
    );
    expect(byName.kind).toBe(2);
    expect(byName.status.code).toBe(2);
    const [byNumber] = spansFromOtlpJson(request({ kind: 3, status: { code: 1 } }));
    expect(byNumber.kind).toBe(3);
    expect(byNumber.status.code).toBe(1);
  });

  it.each(['toString', 'constructor', '__proto__', 'SPAN_KIND_NOPE', 9])(
    'refuses the kind %j, naming the field',
    (kind) => {
      expect(() => spansFromOtlpJson(request({ kind }))).toThrow(
        /resourceSpans\[0\].*\.kind: expected one of/,
      );
    },
  );

  it('refuses a status code that names an inherited property', () => {
    expect(() => spansFromOtlpJson(request({ status: { code: 'valueOf' } }))).toThrow(/status\.code/);
  });
});

describe('spansFromOtlpJson resources', () => {
  const entry = (service: string, spanId: string, extra: unknown[] = []) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, ...extra] },
    scopeSpans: [
      {
        spans: [
          {
            traceId: '5b8efff798038103d269b633813fc60c',
            spanId,
            name: 'op',
            startTimeUnixNano: '1',
            endTimeUnixNano: '2',
          },
        ],
      },
    ],
  });

  it('shares one resource object among entries, and requests, that repeat the same resource', () => {
    const [a, b, c] = spansFromOtlpJson({
      resourceSpans: [
        entry('cart', '0000000000000001'),
        entry('cart', '0000000000000002'),
        entry('pay', '0000000000000003'),
      ],
    });
    expect(b.resource).toBe(a.resource);
    expect(c.resource).not.toBe(a.resource);
    expect(c.resource.serviceName).toBe('pay');
    const [again] = spansFromOtlpJson({ resourceSpans: [entry('cart', '0000000000000004')] });
    expect(again.resource).toBe(a.resource);
    const hosted = entry('cart', '0000000000000005', [{ key: 'host.name', value: { stringValue: 'h1' } }]);
    const [other] = spansFromOtlpJson({ resourceSpans: [hosted] });
    expect(other.resource).not.toBe(a.resource);
    expect(other.resource.attributes.map((x) => x.key)).toEqual(['service.name', 'host.name']);
  });

  it('still refuses a bad resource after a good one was seen, naming where it is', () => {
    spansFromOtlpJson({ resourceSpans: [entry('cart', '0000000000000001')] });
    const bad = entry('cart', '0000000000000002', [{ key: 'n', value: { intValue: 'x' } }]);
    expect(() => spansFromOtlpJson({ resourceSpans: [entry('cart', '0000000000000003'), bad] })).toThrow(
      /resourceSpans\[1\]\.resource\.attributes/,
    );
  });
});
