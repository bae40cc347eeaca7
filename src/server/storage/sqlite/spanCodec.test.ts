import { describe, expect, it } from 'vitest';
import { makeResource, makeScope, makeSpan, str, traceIdOf } from '../conformance/spans';
import { CorruptPayloadError, decodeSpans, encodeSpans } from './spanCodec';

describe('span payloads', () => {
  it('writes a shared resource and scope once and shares them again on reading', () => {
    const resource = makeResource('shop', [str('host.name', 'h1')]);
    const scope = makeScope('lib', '1.0');
    const spans = [1, 2, 3].map((n) => makeSpan({ trace: 1, span: n, resource, scope }));
    const payload = encodeSpans(spans);
    expect(payload.match(/"h1"/g)).toHaveLength(1);
    const { spans: decoded, warnings } = decodeSpans(traceIdOf(1), payload);
    expect(decoded).toEqual(spans);
    expect(decoded[2].resource).toBe(decoded[0].resource);
    expect(decoded[2].scope).toBe(decoded[0].scope);
    expect(warnings).toEqual([]);
  });

  it('keeps trace-level warnings', () => {
    const payload = encodeSpans([makeSpan({ trace: 1, span: 1 })], ['clock skew']);
    expect(decodeSpans(traceIdOf(1), payload).warnings).toEqual(['clock skew']);
  });

  it.each([
    ['not JSON', '{"r":'],
    ['not an object', '42'],
    ['a missing list', '{"r":[],"c":[]}'],
    ['an unknown attribute type', '{"r":[["s",[["k",99,1]]]],"c":[],"s":[]}'],
    [
      'a resource index out of range',
      '{"r":[],"c":[["","",[]]],"s":[["1","","",1,"op",0,"1","2",[],[],[],0,"",3,0,[]]]}',
    ],
    [
      'a time that is not an integer',
      '{"r":[["s",[]]],"c":[["","",[]]],"s":[["1","","",1,"op",0,"x","2",[],[],[],0,"",0,0,[]]]}',
    ],
  ])('reports %s as corrupt', (_label, payload) => {
    expect(() => decodeSpans(traceIdOf(1), payload)).toThrow(CorruptPayloadError);
  });
});
