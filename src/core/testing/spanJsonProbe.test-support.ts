/**
 * Helpers for the tests of SpanJsonReader (src/core/jaeger/spanJsonTerms.ts): the truth it
 * stands for (find's spanHoldsText / spanHasAttribute on the span spanFromJaeger decodes from
 * the same JSON), the reader run on a span alone, inside a response and past 2 GiB, and spans
 * to build cases from.
 */
import { newDecodeCaches, spanFromJaeger } from '../jaeger/fromJaegerJson';
import type { JaegerSpan } from '../jaeger/jaegerJson';
import { SpanJsonReader, SpanJsonVerdict, type SpanJsonTerm } from '../jaeger/spanJsonTerms';
import { spanHasAttribute, spanHoldsText } from '../search/attributeTests';

export const { No, Yes, Unsure } = SpanJsonVerdict;
export const TRACE = '0af7651916cd43dd8448eb211c80319c';
export const decoder = new TextDecoder();
export const utf8 = (bytes: Uint8Array) => decoder.decode(bytes);
export const encode = (text: string) => new TextEncoder().encode(text);
export const text = (t: string): SpanJsonTerm => ({ type: 'text', text: t });
export const attribute = (key: string, value: string): SpanJsonTerm => ({ type: 'attribute', key, value });
export const VERDICT_NAMES = ['No', 'Yes', 'Unsure'];
export const show = (term: SpanJsonTerm) =>
  term.type === 'text' ? `"${term.text}"` : `${term.key}=${term.value}`;

/** What find would answer on the decoded span; a span find cannot decode gives 'throws'. */
export function truth(json: string, term: SpanJsonTerm): boolean | 'throws' {
  try {
    const parsed = JSON.parse(json) as JaegerSpan;
    const span = spanFromJaeger(parsed, { traceID: TRACE, processes: {} }, 'x', newDecodeCaches());
    return term.type === 'text'
      ? spanHoldsText(span, term.text)
      : spanHasAttribute(span, term.key, term.value);
  } catch {
    return 'throws';
  }
}

export const verdictOf = (json: string, term: SpanJsonTerm) => {
  const bytes = encode(json);
  return new SpanJsonReader(bytes, utf8).verdict(0, bytes.length, term);
};

/** The span between other JSON, as in a response: one reader over the whole buffer. */
export function embedded(json: string) {
  const before = encode(`{"data":[{"spans":[${DECOY},\n`);
  const span = encode(json);
  const bytes = new Uint8Array([...before, ...span, ...encode(`, ${DECOY}]}]}`)]);
  return { reader: new SpanJsonReader(bytes, utf8), from: before.length, to: before.length + span.length };
}

/**
 * The span as if it sat past 2 GiB into a response, where the reader walks a view of the span's
 * own bytes: only subarray is asked of such a buffer.
 */
export function farAway(json: string, term: SpanJsonTerm) {
  const bytes = encode(json);
  const far = 2 ** 31 + 7;
  const huge = { subarray: (from: number, to: number) => bytes.subarray(from - far, to - far) };
  return new SpanJsonReader(huge as unknown as Uint8Array, utf8).verdict(far, far + bytes.length, term);
}

export const base = {
  traceID: TRACE,
  spanID: 'b7ad6b7169203331',
  operationName: 'GET /quux',
  references: [{ refType: 'CHILD_OF', traceID: TRACE, spanID: '00f067aa0ba902b7' }],
  startTime: 1_700_000_000_123_456,
  duration: 4321,
  tags: [] as unknown,
  logs: [] as unknown,
  processID: 'p1',
  process: { serviceName: 'procsvc', tags: [{ key: 'hostname', type: 'string', value: 'hostvalue' }] },
  warnings: ['warnword'],
};
/** A span holding the words of the cases in its other fields: a reader that strays answers Yes. */
export const DECOY = JSON.stringify({
  ...base,
  tags: [{ key: 'customer.id', value: 'cust retrying slow note attempt 7 1.5 1e+21 false true' }],
});

export type Case = [
  name: string,
  span: Record<string, unknown> | string,
  term: SpanJsonTerm,
  verdict: SpanJsonVerdict,
];
export const span = (fields: Record<string, unknown>) => ({ ...base, ...fields });
export const tags = (...t: unknown[]) => span({ tags: t });
export const logs = (...fields: unknown[][]) =>
  span({ logs: fields.map((f, i) => ({ timestamp: 1_700_000_000_200_000 + i, fields: f })) });
/** A span written by hand from its properties after the ones spanFromJaeger needs. */
export const rawSpan = (body: string) =>
  `{"traceID":"${TRACE}","spanID":"b7ad6b7169203331","startTime":1700000000123456,"duration":1,${body}}`;
export const raw = (tagsJson: string, rest = '') => rawSpan(`"tags":${tagsJson}${rest}`);

export const typed = (type: string | undefined, value: unknown) => tags({ key: 'n', type, value });
export const event = logs([
  { key: 'event', value: 'Retrying' },
  { key: 'event', value: 'second' },
  { key: 'attempt', type: 'int64', value: 3 },
  { key: 'note', type: 'string', value: 'Slow' },
  { key: 'error', value: 'disk' },
]);
export const attributes = span({
  tags: [
    { key: 'http.method', type: 'string', value: 'GET' },
    { key: 'n', type: 'int64', value: '007' },
    { key: 'span.kind', type: 'string', value: 'server' },
    { key: 'flag', value: true },
    { key: '', value: '' },
    { key: 'Error', type: 'bool', value: 'true' },
  ],
  logs: [
    {
      timestamp: 1,
      fields: [
        { key: 'event', value: 'ev' },
        { key: 'db', value: 'pg' },
      ],
    },
  ],
});
