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
