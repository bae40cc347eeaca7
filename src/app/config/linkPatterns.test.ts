import { describe, expect, it } from 'vitest';
import { stringAttribute, type Attribute } from '../../core/model/attributes';
import { ConfigReader } from './configReader';
import {
  attributeLinks,
  parseLinkPattern,
  parseLinkTemplate,
  safeLinkUrl,
  needsAncestors,
  traceLinks,
  type LinkPattern,
  type SpanLinkScope,
} from './linkPatterns';

const BASE = 'https://tracing.example.com/jaeger/';

function pattern(raw: Record<string, unknown>): LinkPattern {
  const reader = new ConfigReader();
  const parsed = parseLinkPattern(raw, 'linkPatterns[0]', reader);
  if (!parsed) throw new Error(reader.problems.join('; '));
  return parsed;
}

const int = (key: string, value: bigint): Attribute => ({ key, type: 'int64', value });

const scope: SpanLinkScope = {
  trace: {
    traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
    traceName: 'frontend: GET /dispatch',
    startTime: 1_700_000_000_000_000,
    endTime: 1_700_000_000_500_000,
    duration: 500_000,
  },
  span: {
    spanID: '00f067aa0ba902b7',
    operationName: 'GET /dispatch',
    startTime: 1_700_000_000_000_000,
    duration: 420_000,
    attributes: [stringAttribute('http.route', '/dispatch'), stringAttribute('customer_id', '731')],
    resourceAttributes: [
      stringAttribute('service.name', 'frontend'),
      stringAttribute('k8s.pod.name', 'fe-1'),
    ],
  },
  ancestors: [],
};

/** The same span under a parent (`customer_id`, its own `tenant`) and a root (`tenant`, `region`). */
const nested: SpanLinkScope = {
  ...scope,
  ancestors: [
    {
      attributes: [stringAttribute('tenant', 'acme'), stringAttribute('customer_id', 'parent-customer')],
      resourceAttributes: [stringAttribute('service.name', 'api')],
    },
    {
      attributes: [stringAttribute('tenant', 'root-tenant')],
      resourceAttributes: [stringAttribute('cloud.region', 'eu-west-1')],
    },
  ],
};

describe('link templates', () => {
  it('finds #{name} parameters with their formatters', () => {
    const t = parseLinkTemplate(
      'https://x/#{a}?at=#{startTime | epoch_micros_to_date_iso}&id=#{id|pad_start 32 0}',
    );
    expect(typeof t === 'object' && t.parameters).toEqual(['a', 'startTime', 'id']);
  });

  it('rejects unknown formatters and empty parameters', () => {
    expect(parseLinkTemplate('#{a | shout}')).toMatch(/unknown formatter "shout"/);
    expect(parseLinkTemplate('#{ }')).toMatch(/names no parameter/);
    expect(parseLinkTemplate('#{a | pad_start x}')).toMatch(/pad_start needs a length/);
  });
});

describe('attribute links', () => {
  it('links the attribute a pattern names, URL-encoding values in the URL only', () => {
    const p = pattern({
      type: 'tags',
      key: 'customer_id',
      url: 'https://crm.example.com/customers/#{customer_id}?route=#{http.route}',
      text: 'Customer #{customer_id} (#{http.route})',
    });
    const item = scope.span.attributes[1];
    expect(attributeLinks([p], 'attributes', item, scope.span.attributes, scope, BASE)).toEqual([
      {
        url: 'https://crm.example.com/customers/731?route=%2Fdispatch',
        text: 'Customer 731 (/dispatch)',
      },
    ]);
    // Not on other keys, nor on the resource (a "tags" pattern).
    expect(
      attributeLinks([p], 'attributes', scope.span.attributes[0], scope.span.attributes, scope, BASE),
    ).toEqual([]);
    expect(attributeLinks([p], 'resource', item, scope.span.resourceAttributes, scope, BASE)).toEqual([]);
  });

  it('reads span fields, the resource and trace values; formatters apply in URL and text', () => {
    const p = pattern({
      type: 'attributes',
      key: 'http.route',
      url: 'https://logs.example.com/?pod=#{k8s.pod.name}&from=#{trace.startTime | epoch_micros_to_date_iso}&to=#{trace.endTime | add 1000000 | epoch_micros_to_date_iso}&span=#{spanID}',
      text: '#{operationName} logs from #{trace.startTime | epoch_micros_to_date_iso}',
    });
    const [link] = attributeLinks(
      [p],
      'attributes',
      scope.span.attributes[0],
      scope.span.attributes,
      scope,
      BASE,
    );
    expect(link.url).toBe(
      'https://logs.example.com/?pod=fe-1&from=2023-11-14T22%3A13%3A20.000Z&to=2023-11-14T22%3A13%3A21.500Z&span=00f067aa0ba902b7',
    );
    expect(link.text).toBe('GET /dispatch logs from 2023-11-14T22:13:20.000Z');
  });

  it('gives no link when a parameter has no value', () => {
    const p = pattern({ type: 'tags', key: 'http.route', url: 'https://x/#{tenant}', text: 'x' });
    expect(
      attributeLinks([p], 'attributes', scope.span.attributes[0], scope.span.attributes, scope, BASE),
    ).toEqual([]);
  });

  it('keeps resource patterns to the resource (Jaeger "process"), without reading the span', () => {
    const p = pattern({
      type: 'process',
      key: 'k8s.pod.name',
      url: 'https://k8s.example.com/pods/#{k8s.pod.name}',
      text: 'Pod #{k8s.pod.name}',
    });
    const item = scope.span.resourceAttributes[1];
    expect(attributeLinks([p], 'resource', item, scope.span.resourceAttributes, scope, BASE)).toEqual([
      { url: 'https://k8s.example.com/pods/fe-1', text: 'Pod fe-1' },
    ]);
    const needsSpan = pattern({
      type: 'process',
      key: 'k8s.pod.name',
      url: 'https://x/#{http.route}',
      text: 'x',
    });
    expect(attributeLinks([needsSpan], 'resource', item, scope.span.resourceAttributes, scope, BASE)).toEqual(
      [],
    );
  });

  it('matches a list of types, a list of keys and a given value; numbers stay numbers for formatters', () => {
    const p = pattern({
      type: ['attributes', 'resource'],
      key: ['http.status_code', 'http.response.status_code'],
      value: '503',
      url: 'https://status.example.com/#{http.response.status_code | add 0}',
      text: 'Why 503?',
    });
    const ok = int('http.response.status_code', 503n);
    const other = int('http.response.status_code', 200n);
    expect(attributeLinks([p], 'attributes', ok, [ok], scope, BASE)).toHaveLength(1);
    expect(attributeLinks([p], 'attributes', other, [other], scope, BASE)).toHaveLength(0);
  });

  it('resolves relative URLs against the base, so links back into the UI work under a sub-path', () => {
    const p = pattern({
      type: 'tags',
      key: 'http.route',
      url: 'search?service=#{service.name}',
      text: 'More',
    });
    const [link] = attributeLinks(
      [p],
      'attributes',
      scope.span.attributes[0],
      scope.span.attributes,
      scope,
      BASE,
    );
    expect(link.url).toBe('https://tracing.example.com/jaeger/search?service=frontend');
  });
});

describe('parameters from ancestors, events and the trace (Jaeger UI order)', () => {
  const route = scope.span.attributes[0];
  const own = scope.span.attributes;

  it('looks a missing parameter up the ancestors, nearest first, attributes and resource', () => {
    const p = pattern({
      type: 'tags',
      key: 'http.route',
      url: 'https://crm.example.com/#{tenant}/#{customer_id}?region=#{cloud.region}',
      text: '#{tenant} customer #{customer_id}',
    });
    // Not yet: the ancestors are not known, so the page asks for them.
    expect(attributeLinks([p], 'attributes', route, own, scope, BASE)).toEqual([]);
    expect(needsAncestors([p], 'attributes', own, scope)).toBe(true);
    // The span's own customer_id wins over the parent's; tenant is the parent's, not the root's.
    expect(attributeLinks([p], 'attributes', route, own, nested, BASE)).toEqual([
      { url: 'https://crm.example.com/acme/731?region=eu-west-1', text: 'acme customer 731' },
    ]);
    expect(needsAncestors([p], 'attributes', own, nested)).toBe(false);
  });

  it('does not walk the ancestors for resource attributes, as Jaeger UI does not for the process', () => {
    const p = pattern({ type: 'process', key: 'k8s.pod.name', url: 'https://x/#{tenant}', text: 't' });
    const pod = scope.span.resourceAttributes[1];
    expect(attributeLinks([p], 'resource', pod, scope.span.resourceAttributes, nested, BASE)).toEqual([]);
    expect(needsAncestors([p], 'resource', scope.span.resourceAttributes, scope)).toBe(false);
  });

  it('applies "logs"/"events" patterns to event attributes, reading the event, the span and its ancestors', () => {
    const fields = [stringAttribute('event', 'retry'), stringAttribute('order.id', 'o-17')];
    const p = pattern({
      type: 'logs',
      key: 'order.id',
      url: 'https://orders.example.com/#{order.id}?tenant=#{tenant}&route=#{http.route}',
      text: 'Order #{order.id}',
    });
    expect(attributeLinks([p], 'events', fields[1], fields, nested, BASE)).toEqual([
      { url: 'https://orders.example.com/o-17?tenant=acme&route=%2Fdispatch', text: 'Order o-17' },
    ]);
    // A "logs" pattern is not a span-attribute pattern, and a "tags" one does not reach events.
    expect(attributeLinks([p], 'attributes', fields[1], fields, nested, BASE)).toEqual([]);
    const tags = pattern({ type: 'tags', key: 'order.id', url: 'https://x/', text: 'x' });
    expect(attributeLinks([tags], 'events', fields[1], fields, nested, BASE)).toEqual([]);
    const events = pattern({ type: 'events', key: 'order.id', url: 'https://x/#{order.id}', text: 'x' });
    expect(attributeLinks([events], 'events', fields[1], fields, nested, BASE)).toHaveLength(1);
  });

  it('reads trace values by their bare names last, and with the trace. prefix first', () => {
    const p = pattern({
      type: 'process',
      key: 'service.name',
      url: 'https://logs.example.com/#{service.name}?trace=#{traceID}&name=#{trace.traceName}',
      text: 'Logs',
    });
    const service = scope.span.resourceAttributes[0];
    expect(attributeLinks([p], 'resource', service, scope.span.resourceAttributes, scope, BASE)).toEqual([
      {
        url: 'https://logs.example.com/frontend?trace=4bf92f3577b34da6a3ce929d0e0e4736&name=frontend%3A%20GET%20%2Fdispatch',
        text: 'Logs',
      },
    ]);
    // An attribute of the same name wins over the bare trace value, not over the prefixed one.
    const shadow = [stringAttribute('traceID', 'from-attribute'), route];
    const q = pattern({
      type: 'tags',
      key: 'http.route',
      url: 'https://x/#{traceID}/#{trace.traceID}',
      text: 'x',
    });
    expect(attributeLinks([q], 'attributes', route, shadow, scope, BASE)[0].url).toBe(
      'https://x/from-attribute/4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('does not ask for ancestors when the only failure is an unsafe URL', () => {
    const p = pattern({ type: 'tags', key: 'http.route', url: 'javascript:alert(1)', text: 'x' });
    expect(needsAncestors([p], 'attributes', own, scope)).toBe(false);
  });
});

describe('link safety', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://tracing.example.com/uuid',
  ])('refuses %j', (url) => {
    expect(safeLinkUrl(url, BASE)).toBeNull();
  });

  it('accepts http, https, relative and protocol-relative URLs as absolute http(s)', () => {
    expect(safeLinkUrl('http://a.example/x', BASE)).toBe('http://a.example/x');
    expect(safeLinkUrl('HTTPS://a.example/x', BASE)).toBe('https://a.example/x');
    expect(safeLinkUrl('/api/x', BASE)).toBe('https://tracing.example.com/api/x');
    expect(safeLinkUrl('//a.example/x', BASE)).toBe('https://a.example/x');
  });

  it('gives a pattern whose URL template is a javascript: URL no URL, only its text', () => {
    const p = pattern({
      type: 'tags',
      key: 'http.route',
      url: 'javascript:alert("#{http.route}")',
      text: 'Route #{http.route}',
    });
    expect(
      attributeLinks([p], 'attributes', scope.span.attributes[0], scope.span.attributes, scope, BASE),
    ).toEqual([{ url: null, text: 'Route /dispatch' }]);
  });

  it('cannot be steered into another scheme by an attribute value', () => {
    const hostile = stringAttribute('next', 'javascript:alert(document.domain)');
    const p = pattern({ type: 'tags', key: 'next', url: '#{next}', text: 'Go' });
    const [link] = attributeLinks([p], 'attributes', hostile, [hostile], scope, BASE);
    // Encoded, the value is a harmless relative path under the base.
    expect(link.url).toBe('https://tracing.example.com/jaeger/javascript%3Aalert(document.domain)');
    expect(new URL(link.url ?? '').protocol).toBe('https:');
  });
});

describe('trace links', () => {
  it('reads trace values with or without the trace. prefix', () => {
    const p = pattern({
      type: 'traces',
      url: 'https://x/#{trace.traceID}?d=#{duration}',
      text: '#{traceName}',
    });
    expect(traceLinks([p], scope.trace, BASE)).toEqual([
      { url: 'https://x/4bf92f3577b34da6a3ce929d0e0e4736?d=500000', text: 'frontend: GET /dispatch' },
    ]);
    const unknown = pattern({ type: 'traces', url: 'https://x/#{services}', text: 'x' });
    expect(traceLinks([unknown], scope.trace, BASE)).toEqual([]);
  });

  it('fills trace values, and ignores span-level patterns', () => {
    const patterns = [
      pattern({
        type: 'traces',
        url: 'https://logs.example.com/trace/#{traceID}?name=#{traceName}',
        text: 'Logs for #{traceID}',
      }),
      pattern({ type: 'tags', key: 'x', url: 'https://x/', text: 'x' }),
    ];
    expect(traceLinks(patterns, scope.trace, BASE)).toEqual([
      {
        url: 'https://logs.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736?name=frontend%3A%20GET%20%2Fdispatch',
        text: 'Logs for 4bf92f3577b34da6a3ce929d0e0e4736',
      },
    ]);
  });
});

describe('pattern validation', () => {
  it('reports and drops patterns it cannot use', () => {
    const reader = new ConfigReader();
    expect(parseLinkPattern({ type: 'spans', url: 'https://x', text: 'x' }, 'p', reader)).toBeNull();
    expect(parseLinkPattern({ type: 'tags', key: 3, url: 'https://x', text: 'x' }, 'q', reader)).toBeNull();
    expect(parseLinkPattern({ type: 'tags', url: 'https://x/#{a|nope}', text: 'x' }, 'r', reader)).toBeNull();
    expect(parseLinkPattern({ type: 'tags', url: 'https://x' }, 's', reader)).toBeNull();
    expect(reader.problems).toHaveLength(4);
    expect(reader.problems[0]).toMatch(/^p\.type: expected one of/);
    expect(reader.problems[2]).toMatch(/^r\.url: unknown formatter "nope"/);
  });
});
