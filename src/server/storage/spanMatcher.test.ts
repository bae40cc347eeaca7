import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../../core/model/trace';
import {
  compileSpanCriteria,
  kindFromQuery,
  parseGoBool,
  someSpanMatches,
  spanMatches,
  statusFromQuery,
  type SpanCriteria,
} from './spanMatcher';
import { bool, dbl, int, makeResource, makeScope, makeSpan, str, T0 } from './conformance/spans';

function criteria(
  c: Partial<Omit<SpanCriteria, 'attributes'>> & { tags?: Record<string, string> },
): SpanCriteria {
  return {
    serviceName: c.serviceName ?? '',
    operationName: c.operationName ?? '',
    attributes: new Map(Object.entries(c.tags ?? {})),
    startTimeMin: c.startTimeMin,
    startTimeMax: c.startTimeMax,
    durationMin: c.durationMin,
    durationMax: c.durationMax,
  };
}

function matches(span: ReturnType<typeof makeSpan>, c: SpanCriteria): boolean {
  const compiled = compileSpanCriteria(c);
  return compiled !== null && spanMatches(span, compiled);
}

describe('parseGoBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('reads %s as true', (text) => {
    expect(parseGoBool(text)).toBe(true);
  });
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('reads %s as false', (text) => {
    expect(parseGoBool(text)).toBe(false);
  });
  it.each(['', 'yes', 'tRUE', ' true', '2'])('rejects %j', (text) => {
    expect(parseGoBool(text)).toBeUndefined();
  });
});

describe('special query values', () => {
  it('maps span.status values, anything else to UNSET', () => {
    expect(statusFromQuery('Ok')).toBe(StatusCode.Ok);
    expect(statusFromQuery('error')).toBe(StatusCode.Error);
    expect(statusFromQuery('unset')).toBe(StatusCode.Unset);
    expect(statusFromQuery('')).toBe(StatusCode.Unset);
  });

  it('maps span.kind values, anything else to UNSPECIFIED', () => {
    expect(kindFromQuery('Consumer')).toBe(SpanKind.Consumer);
    expect(kindFromQuery('INTERNAL')).toBe(SpanKind.Internal);
    expect(kindFromQuery('rpc')).toBe(SpanKind.Unspecified);
  });

  it('compiles an unparseable error value to "never matches"', () => {
    expect(compileSpanCriteria(criteria({ tags: { error: 'maybe' } }))).toBeNull();
  });
});

describe('spanMatches', () => {
  const span = makeSpan({
    trace: 1,
    span: 1,
    name: 'GET /cart',
    kind: SpanKind.Server,
    start: 1000n,
    duration: 500n,
    resource: makeResource('shop', [str('region', 'eu')]),
    scope: makeScope('lib', '2.1', [str('flavor', 'plain')]),
    attributes: [
      int('code', 200n),
      dbl('big', 1e21),
      bool('hit', false),
      str('dup', 'first'),
      str('dup', 'second'),
    ],
    events: [{ timeUnixNano: T0, name: 'retry', attributes: [str('attempt', '2')] }],
    links: [{ traceId: '', spanId: '', traceState: '', attributes: [str('cause', 'fanout')] }],
  });

  it.each<[string, SpanCriteria, boolean]>([
    ['empty criteria', criteria({}), true],
    ['service', criteria({ serviceName: 'shop' }), true],
    ['other service', criteria({ serviceName: 'cart' }), false],
    ['operation', criteria({ operationName: 'GET /cart' }), true],
    ['start on the lower bound', criteria({ startTimeMin: T0 + 1000n }), true],
    ['start below the bound', criteria({ startTimeMin: T0 + 1001n }), false],
    ['start on the upper bound', criteria({ startTimeMax: T0 + 1000n }), true],
    ['start above the bound', criteria({ startTimeMax: T0 + 999n }), false],
    ['duration on both bounds', criteria({ durationMin: 500n, durationMax: 500n }), true],
    ['duration too short', criteria({ durationMin: 501n }), false],
    ['duration too long', criteria({ durationMax: 499n }), false],
    ['zero duration bounds are unbounded', criteria({ durationMin: 0n, durationMax: 0n }), true],
    ['error=false on an UNSET span', criteria({ tags: { error: 'false' } }), true],
    ['error=true on an UNSET span', criteria({ tags: { error: 'true' } }), false],
    ['span.status=unset', criteria({ tags: { 'span.status': 'anything' } }), true],
    ['span.kind', criteria({ tags: { 'span.kind': 'Server' } }), true],
    ['scope name and version', criteria({ tags: { 'scope.name': 'lib', 'scope.version': '2.1' } }), true],
    ['resource attribute', criteria({ tags: { 'resource.region': 'eu' } }), true],
    ['resource prefix on a span attribute', criteria({ tags: { 'resource.code': '200' } }), false],
    ['int', criteria({ tags: { code: '200' } }), true],
    ['double in Go form', criteria({ tags: { big: '1e+21' } }), true],
    ['double in JS form', criteria({ tags: { big: '1e21' } }), false],
    ['bool', criteria({ tags: { hit: 'false' } }), true],
    ['scope attribute', criteria({ tags: { flavor: 'plain' } }), true],
    ['resource attribute by plain key', criteria({ tags: { region: 'eu' } }), true],
    ['event attribute', criteria({ tags: { attempt: '2' } }), true],
    ['link attribute', criteria({ tags: { cause: 'fanout' } }), true],
    ['event name is not searchable', criteria({ tags: { name: 'retry' } }), false],
    ['first of duplicate keys', criteria({ tags: { dup: 'first' } }), true],
    ['second of duplicate keys is shadowed', criteria({ tags: { dup: 'second' } }), false],
    [
      'every criterion must hold',
      criteria({ serviceName: 'shop', tags: { code: '200', hit: 'true' } }),
      false,
    ],
  ])('%s', (_label, c, expected) => {
    expect(matches(span, c)).toBe(expected);
  });

  it('never consults a span attribute named error', () => {
    const withErrorTag = makeSpan({ trace: 1, span: 2, attributes: [bool('error', true)] });
    expect(matches(withErrorTag, criteria({ tags: { error: 'true' } }))).toBe(false);
    const failed = makeSpan({
      trace: 1,
      span: 3,
      status: StatusCode.Error,
      attributes: [bool('error', false)],
    });
    expect(matches(failed, criteria({ tags: { error: 'true' } }))).toBe(true);
    expect(matches(failed, criteria({ tags: { error: 'false' } }))).toBe(false);
  });

  it('accepts error=false on an OK span', () => {
    const ok = makeSpan({ trace: 1, span: 2, status: StatusCode.Ok });
    expect(matches(ok, criteria({ tags: { error: 'F' } }))).toBe(true);
  });
});

describe('someSpanMatches', () => {
  it('needs one span meeting every criterion', () => {
    const spans = [
      makeSpan({ trace: 1, span: 1, attributes: [str('customer', 'c1')] }),
      makeSpan({ trace: 1, span: 2, status: StatusCode.Error }),
    ];
    const both = compileSpanCriteria(criteria({ tags: { customer: 'c1', error: 'true' } }));
    const one = compileSpanCriteria(criteria({ tags: { error: 'true' } }));
    expect(both && someSpanMatches(spans, both)).toBe(false);
    expect(one && someSpanMatches(spans, one)).toBe(true);
  });
});
