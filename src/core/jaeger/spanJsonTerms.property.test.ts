/**
 * SpanJsonReader on arbitrary spans (fast-check): a Yes or No always agrees with find's answer on
 * the decoded span, alone, inside a response and past 2 GiB; ordinary spans are seldom Unsure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeValueToString } from '../model/attributes';
import { attributeFromJaeger } from './fromJaegerJson';
import type { JaegerKeyValue } from './jaegerJson';
import { SpanJsonReader, type SpanJsonTerm } from './spanJsonTerms';
import { LAYOUTS, Lit, Obj, write, type Json } from '../testing/handJson.test-support';
import {
  attribute,
  embedded,
  encode,
  farAway,
  No,
  show,
  text,
  TRACE,
  truth,
  Unsure,
  utf8,
  Yes,
} from '../testing/spanJsonProbe.test-support';

describe('SpanJsonReader on arbitrary spans', () => {
  it('is never wrong and seldom unsure on ordinary spans', () => {
    const tally = checkSpans(ordinarySpan);
    // Nothing in these spans needs a decode: a reader that gave up often would pass the above.
    expect(tally.unsure / tally.asked).toBeLessThan(0.02);
    // The terms ask about what the spans hold, not only about what they do not.
    expect(tally.yes / tally.asked).toBeGreaterThan(0.2);
    expect(tally.no / tally.asked).toBeGreaterThan(0.2);
  });

  it('is never wrong on spans with properties written twice and odd values', () => {
    const tally = checkSpans(oddSpan);
    // Most of these spans have something odd; the rest are still answered and checked.
    expect(tally.unsure / tally.asked).toBeGreaterThan(0.2);
    expect((tally.yes + tally.no) / tally.asked).toBeGreaterThan(0.2);
  });
});

// What the properties generate: JSON written by hand (handJson.test-support.ts).

// With characters that JSON.stringify escapes, and the two whose lower case holds ASCII letters.
const CHARS = [...'abcksuCKSTU017.-+eE :,{}[]/=_"\\\n\t\u0001', 'é', 'Ü', 'ы', '\u212A', '\u0130'];
const word = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 6 });
const KEYS = [
  ...[
    'cust',
    'Cust',
    'CUST',
    'customer.id',
    'http.method',
    'k',
    'n',
    '',
    'é',
    'key',
    'value',
    'tags',
    'Error',
  ],
  ...[
    'span.kind',
    'error',
    'otel.status_code',
    'otel.status_description',
    'otel.scope.name',
    'w3c.tracestate',
  ],
  ...['otel.library.version', 'event', 'Event'],
];
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: word });
const eventKey = fc.oneof({ weight: 1, arbitrary: fc.constant('event') }, { weight: 2, arbitrary: key });
const TYPES = [undefined, 'string', 'int64', 'float64', 'bool', 'binary', 'STRING'];
const LITERALS = ['2.50', '1E3', '-0', '1e999', '-1e999', '0.1e1', '100e-2', '1e-7'].map((t) => new Lit(t));
const scalar: fc.Arbitrary<Json> = fc.oneof(
  word,
  fc.constantFrom(
    '007',
    '12',
    '-3',
    '1.5',
    '2.50',
    '1e21',
    'true',
    'false',
    'TRUE',
    'yes',
    'NaN',
    'Infinity',
    '0x10',
  ),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e21, 1.5, -0.25, 2 ** 53 + 2, 1e300, 123.456, 1e-7),
  fc.constantFrom(...LITERALS),
  fc.boolean(),
  fc.constant(null),
);
/** Properties spanFromJaeger does not read, some named like those it does. */
const unknown = (...names: string[]) =>
  fc.tuple(
    fc.constantFrom('extra', 'Key', 'VALUE', 'event', 'process', ...names),
    fc.oneof(
      scalar,
      fc.constant(
        new Obj([
          ['key', 'cust'],
          ['value', 'Cust'],
          ['tags', [new Obj([['key', 'k']])]],
        ]),
      ),
    ),
  );
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** A tag or a log field: its key, type and value in any order, maybe with a property of its own. */
const keyValue = (keys: fc.Arbitrary<string>) =>
  fc
    .record({
      key: keys,
      type: fc.constantFrom(...TYPES),
      value: scalar,
      order: fc.oneof(fc.constant(0), fc.nat(5)),
      extra: fc.option(unknown('tags', 'logs', 'fields')),
    })
    .map(({ key, type, value, order, extra }) => {
      const slots: (readonly [string, Json] | null)[] = [
        ['key', key],
        type === undefined ? null : ['type', type],
        ['value', value],
      ];
      const entries = ORDERS[order].flatMap((i) => {
        const slot = slots[i];
        return slot ? [slot] : [];
      });
      if (extra) entries.splice(order % (entries.length + 1), 0, extra);
      return new Obj(entries);
    });

const ODD_VALUES: Json[] = [new Obj([]), new Obj([['cust', 1]]), [], ['cust'], [new Obj([['key', 'cust']])]];
/** A tag or field that JSON.parse reads otherwise than a walk in order, or that is no tag at all. */
const oddKeyValue = (keys: fc.Arbitrary<string>) =>
  fc
    .tuple(keyValue(keys), fc.nat(9), scalar, fc.constantFrom(...ODD_VALUES), fc.nat())
    .map(([tag, oddity, other, odd, at]): Json => {
      const entries = [...tag.entries];
      switch (oddity) {
        case 0: // a property written twice
          entries.splice(at % (entries.length + 1), 0, [['key', 'type', 'value'][at % 3], other]);
          break;
        case 1: // the key written twice, the last one a string
          entries.splice(at % (entries.length + 1), 0, ['key', typeof other === 'string' ? other : 'cust']);
          break;
        case 2: // a key, type or value that is an object or an array
          entries.splice(at % (entries.length + 1), 0, [['key', 'type', 'value'][at % 3], odd]);
          break;
        case 3: // no value, no key
          return new Obj(entries.filter(([n]) => n !== 'value'));
        case 4:
          return new Obj(entries.filter(([n]) => n !== 'key'));
        case 5: // a key or type that is not a string
          entries[entries.findIndex(([n]) => n === 'key')] = [
            'key',
            typeof other === 'string' ? null : other,
          ];
          break;
        case 6:
          entries.splice(at % (entries.length + 1), 0, ['type', typeof other === 'string' ? 7 : other]);
          break;
        default: // no object
          return oddity === 7 ? other : oddity === 8 ? odd : [tag];
      }
      return new Obj(entries);
    });

interface SpanParts {
  readonly tags: fc.Arbitrary<Json>;
  readonly field: fc.Arbitrary<Json>;
  readonly twice: fc.Arbitrary<boolean>;
}
const SHAPES = ['array', 'array', 'array', 'array', 'null', 'object', 'absent'] as const;

/** A list of tags or fields, or not a list (spanFromJaeger reads none of those). */
const listOf = (item: fc.Arbitrary<Json>, maxLength: number) =>
  fc
    .tuple(fc.array(item, { maxLength }), fc.constantFrom(...SHAPES))
    .map(([items, shape]): Json | undefined =>
      shape === 'array'
        ? items
        : shape === 'null'
          ? null
          : shape === 'object'
            ? new Obj([['0', items]])
            : undefined,
    );

const log = ({ field, twice }: SpanParts) =>
  fc
    .record({
      timestamp: fc.nat(),
      fields: listOf(field, 3),
      again: listOf(field, 2),
      twice,
      extra: fc.option(unknown('tags', 'logs', 'Fields', 'timestamp')),
    })
    .map(({ timestamp, fields, again, twice, extra }) => {
      const entries: (readonly [string, Json])[] = [['timestamp', timestamp]];
      if (fields !== undefined) entries.push(['fields', fields]);
      if (twice && again !== undefined) entries.push(['fields', again]);
      if (extra) entries.unshift(extra);
      return new Obj(entries);
    });

const spanOf = (parts: SpanParts) =>
  fc
    .record({
      tags: listOf(parts.tags, 5),
      logs: listOf(log(parts), 3),
      again: fc.option(fc.tuple(fc.constantFrom('tags', 'logs'), listOf(parts.tags, 2))),
      twice: parts.twice,
      operationName: word,
      warnings: fc.array(word, { maxLength: 2 }),
      processTags: fc.array(keyValue(key), { maxLength: 2 }),
      extra: fc.array(unknown('Tags', 'key', 'value', 'fields'), { maxLength: 2 }),
      rotate: fc.nat(),
      layout: fc.constantFrom(...LAYOUTS),
    })
    .map(({ tags, logs, again, twice, operationName, warnings, processTags, extra, rotate, layout }) => {
      const entries: (readonly [string, Json])[] = [
        ['traceID', TRACE],
        ['spanID', 'b7ad6b7169203331'],
        ['operationName', operationName],
        [
          'references',
          [
            new Obj([
              ['refType', 'CHILD_OF'],
              ['traceID', TRACE],
              ['spanID', '00f067aa0ba902b7'],
            ]),
          ],
        ],
        ['startTime', 1_700_000_000_123_456],
        ['duration', 4321],
        ['processID', 'p1'],
        [
          'process',
          new Obj([
            ['serviceName', 'cust'],
            ['tags', processTags],
          ]),
        ],
        ['warnings', warnings],
        ...extra,
      ];
      if (tags !== undefined) entries.push(['tags', tags]);
      if (logs !== undefined) entries.push(['logs', logs]);
      if (twice && again && again[1] !== undefined) entries.push([again[0], again[1]]);
      const turn = rotate % entries.length;
      return write(new Obj([...entries.slice(turn), ...entries.slice(0, turn)]), layout);
    });

const ordinarySpan = spanOf({ tags: keyValue(key), field: keyValue(eventKey), twice: fc.constant(false) });
const oddSpan = spanOf({
  tags: fc.oneof({ weight: 3, arbitrary: keyValue(key) }, { weight: 1, arbitrary: oddKeyValue(key) }),
  field: fc.oneof(
    { weight: 3, arbitrary: keyValue(eventKey) },
    { weight: 1, arbitrary: oddKeyValue(eventKey) },
  ),
  twice: fc.boolean(),
});

const isPlainAscii = (t: string) => /^[\x20-\x7e]+$/.test(t);
const LOWER = [...'abcdefiklnrstuy0123456789.-+:"{}, =_'];

/**
 * Terms to ask of a span: pieces of its JSON and of its tags' texts (so that some are in it),
 * words, and key=value pairs of its own tags and fields, as written and as find reads them.
 */
function termsOf(json: string, picks: readonly number[], words: readonly string[]): SpanJsonTerm[] {
  const texts: string[] = [json];
  const pairs: [string, string][] = [];
  const parsed = JSON.parse(json) as { tags?: unknown; logs?: unknown };
  const logs = Array.isArray(parsed.logs) ? (parsed.logs as unknown[]) : [];
  const fields = logs.flatMap((l) =>
    l && typeof l === 'object' && 'fields' in l && Array.isArray(l.fields) ? (l.fields as unknown[]) : [],
  );
  for (const item of [...(Array.isArray(parsed.tags) ? (parsed.tags as unknown[]) : []), ...fields]) {
    if (!item || typeof item !== 'object' || !('key' in item) || typeof item.key !== 'string') continue;
    const value = 'value' in item ? item.value : undefined;
    if (typeof value === 'object' && value !== null) continue;
    const kv = item as JaegerKeyValue;
    const read = attributeValueToString(attributeFromJaeger(kv));
    texts.push(kv.key, String(value), read);
    pairs.push([kv.key, read], [kv.key, String(value)], [kv.key, read.toUpperCase()]);
  }
  const terms: SpanJsonTerm[] = [];
  for (const pick of picks) {
    const piece = texts[pick % texts.length].toLowerCase();
    const start = (pick >>> 4) % (piece.length + 1);
    const cut = piece.slice(start, start + 1 + ((pick >>> 12) % 8)).replace(/[^\x20-\x7e]/g, '');
    if (cut) terms.push(text(cut));
  }
  for (const w of words) terms.push(text(w));
  for (const [k, v] of pairs.slice(0, 6)) if (isPlainAscii(v)) terms.push(attribute(k, v));
  terms.push(attribute(KEYS[picks[0] % KEYS.length], words[0] ?? ''));
  return terms.filter((t) => t.type === 'attribute' || t.text !== '');
}

function checkSpans(spans: fc.Arbitrary<string>) {
  const tally = { asked: 0, yes: 0, no: 0, unsure: 0 };
  const picks = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });
  const words = fc.array(fc.string({ unit: fc.constantFrom(...LOWER), minLength: 1, maxLength: 4 }), {
    maxLength: 3,
  });
  const property = fc.property(spans, picks, words, (json, picked, asked) => {
    const bytes = encode(json);
    const alone = new SpanJsonReader(bytes, utf8);
    const inResponse = embedded(json);
    for (const term of termsOf(json, picked, asked)) {
      const verdict = alone.verdict(0, bytes.length, term);
      const others = [inResponse.reader.verdict(inResponse.from, inResponse.to, term), farAway(json, term)];
      const why = `${json} ${show(term)}`;
      // A span find cannot decode is in no trace: whatever the reader says of it goes unused.
      const truly = truth(json, term);
      for (const v of [verdict, ...others])
        if (truly !== 'throws' && v !== Unsure) expect(v, why).toBe(truly ? Yes : No);
      expect(others, why).toEqual([verdict, verdict]);
      tally.asked++;
      if (verdict === Yes) tally.yes++;
      else if (verdict === No) tally.no++;
      else tally.unsure++;
    }
  });
  fc.assert(property, { numRuns: 300 });
  return tally;
}
