/**
 * SpanJsonReader against the truth it stands for: find's spanHoldsText / spanHasAttribute on the
 * span spanFromJaeger decodes from the same JSON. A Yes or No must always agree; Unsure is
 * allowed, but not on ordinary spans.
 */
import { describe, expect, it } from 'vitest';
import { SpanJsonReader } from './spanJsonTerms';
import {
  attribute,
  attributes,
  embedded,
  encode,
  event,
  farAway,
  logs,
  No,
  raw,
  rawSpan,
  show,
  span,
  tags,
  text,
  truth,
  typed,
  Unsure,
  utf8,
  verdictOf,
  VERDICT_NAMES,
  Yes,
  type Case,
} from '../testing/spanJsonProbe.test-support';

const CASES: Case[] = [
  ['a tag key', tags({ key: 'customer.id', type: 'string', value: '42' }), text('customer'), Yes],
  ['a string value, without case', tags({ key: 'k', type: 'string', value: 'Cust-1' }), text('cust'), Yes],
  ['an untyped string value', tags({ key: 'k', value: 'abcXYZ' }), text('xyz'), Yes],
  ['a binary value', tags({ key: 'k', type: 'binary', value: 'QUJD' }), text('qujd'), Yes],
  ['not across a key and its value', tags({ key: 'ab', value: 'cd' }), text('bcd'), No],
  ['not across two values', tags({ key: 'k', value: 'ab' }, { key: 'q', value: 'cd' }), text('bc'), No],
  ...['tags', 'type', 'string', 'key', 'value', 'logs', 'fields', 'timestamp', 'k"', ':"v'].map((t): Case => [
    'only in a property name',
    event,
    text(t),
    No,
  ]),
  ...[
    '0af765',
    'b7ad6b',
    'quux',
    'child_of',
    '00f067',
    'warnword',
    'procsvc',
    'hostvalue',
    'hostname',
    '123456',
    '4321',
    'p1',
  ].map((t): Case => [
    'only in an ID, the name, a reference, a warning, the process or a time',
    event,
    text(t),
    No,
  ]),
  ['the span kind tag', tags({ key: 'span.kind', type: 'string', value: 'server' }), text('server'), No],
  ['the span kind tag key', tags({ key: 'span.kind', type: 'string', value: 'server' }), text('kind'), No],
  ['the error tag', tags({ key: 'error', type: 'bool', value: true }), text('error'), No],
  ['the error tag value', tags({ key: 'error', type: 'bool', value: true }), text('true'), No],
  ['the status code tag', tags({ key: 'otel.status_code', value: 'ERROR' }), text('error'), No],
  ['the status description', tags({ key: 'otel.status_description', value: 'boom' }), text('boom'), No],
  ['the scope name', tags({ key: 'otel.scope.name', value: 'libx' }), text('libx'), No],
  ['the trace state', tags({ key: 'w3c.tracestate', value: 'rojo=1' }), text('rojo'), No],
  ['a tag named Error is no synthetic tag', tags({ key: 'Error', value: 'x' }), text('error'), Yes],
  ['the first event field names the event', event, text('retry'), Yes],
  ['a second event field is dropped', event, text('second'), No],
  ['the event key itself', event, text('event'), No],
  ['a log field key', event, text('attempt'), Yes],
  ['a log field int64 value', event, text('3'), Yes],
  ['a log field value', event, text('slow'), Yes],
  ['a log field named error stays', event, text('disk'), Yes],
  [
    'a null event name names nothing',
    logs([
      { key: 'event', value: null },
      { key: 'event', value: 'later' },
    ]),
    text('later'),
    No,
  ],
  ['a null event name is not "null"', logs([{ key: 'event', value: null }]), text('null'), No],
  ['an event named by a number', logs([{ key: 'event', value: 1e21 }]), text('1e+21'), Yes],
  ['an event named by a boolean', logs([{ key: 'event', type: 'bool', value: false }]), text('false'), Yes],
  ['an event name ignores its type', logs([{ key: 'event', type: 'int64', value: '007' }]), text('007'), Yes],
  [
    'an event in the second log',
    logs([{ key: 'a', value: 'b' }], [{ key: 'event', value: 'Later' }]),
    text('later'),
    Yes,
  ],
  ['int64 text is not written text', typed('int64', '007'), text('007'), No],
  ['int64 text is the number', typed('int64', '007'), text('7'), Yes],
  ['int64 of a number', typed('int64', 12), text('12'), Yes],
  ['int64 of a non-integer string', typed('int64', '12abc'), text('2ab'), Yes],
  ['int64 of a decimal', typed('int64', 1.5), text('1.5'), Yes],
  ['float64 of a number', typed('float64', 1.5), text('1.5'), Yes],
  ['float64 of a string, not written', typed('float64', '2.50'), text('2.50'), No],
  ['float64 of a string, as a number', typed('float64', '2.50'), text('2.5'), Yes],
  ['float64 of a big number', typed('float64', 1e21), text('1e+21'), Yes],
  ['float64 of a word', typed('float64', 'abc'), text('nan'), Yes],
  ['an untyped big number is an integer', typed(undefined, 1e21), text('1000000000000000000000'), Yes],
  ['an untyped big number is not in e notation', typed(undefined, 1e21), text('1e+21'), No],
  ['bool of a word is false', typed('bool', 'yes'), text('false'), Yes],
  ['bool of a word is not the word', typed('bool', 'yes'), text('yes'), No],
  ['bool of "true"', typed('bool', 'true'), text('true'), Yes],
  ['an untyped boolean', typed(undefined, true), text('true'), Yes],
  ['an untyped null is empty', typed(undefined, null), text('null'), No],
  ['a binary null is "null"', typed('binary', null), text('null'), Yes],
  ['an unknown type reads the number', typed('STRING', 5), text('5'), Yes],
  ['an unknown type keeps the string', typed('STRING', 'Abc'), text('abc'), Yes],
  ['a decimal written with zeros', raw('[{"key":"n","value":2.50}]'), text('2.5'), Yes],
  ['a decimal is not its written zeros', raw('[{"key":"n","value":2.50}]'), text('2.50'), No],
  ['minus zero', raw('[{"key":"n","value":-0}]'), text('-'), No],
  ['an exponent', raw('[{"key":"n","value":1E3}]'), text('1000'), Yes],
  ['a float too large', raw('[{"key":"n","value":1e999}]'), text('+inf'), Yes],
  [
    'an int64 too large is "Infinity"',
    raw('[{"key":"n","type":"int64","value":1e999}]'),
    text('infinity'),
    Yes,
  ],
  ['a binary too small is "-Infinity"', raw('[{"key":"n","type":"binary","value":-1e999}]'), text('y'), Yes],
  ['non-ASCII around the text', tags({ key: 'ключ', value: 'Ünïcust' }), text('cust'), Yes],
  ['the Kelvin sign is a k without case', tags({ key: '\u212Aey', value: 'v' }), text('key'), Yes],
  ['a dotted capital I holds an i without case', tags({ key: 'k', value: 'T\u0130P' }), text('i'), Yes],
  ['key=value', attributes, attribute('http.method', 'GET'), Yes],
  ['key=value with case', attributes, attribute('http.method', 'get'), No],
  ['key with case=value', attributes, attribute('HTTP.METHOD', 'GET'), No],
  ['key=value of the text', attributes, attribute('n', '7'), Yes],
  ['key=value as written', attributes, attribute('n', '007'), No],
  ['a synthetic key=value', attributes, attribute('span.kind', 'server'), No],
  ['a boolean key=value', attributes, attribute('flag', 'true'), Yes],
  ['a bool of "true"', attributes, attribute('Error', 'true'), Yes],
  ['an event name is no attribute', attributes, attribute('event', 'ev'), No],
  ['a log field key=value', attributes, attribute('db', 'pg'), Yes],
  ['never an empty key', attributes, attribute('', ''), No],
  ['a key=value in text only', attributes, attribute('http', 'GET'), No],
  ['a non-ASCII key=value', tags({ key: 'clé', value: 'x' }), attribute('clé', 'x'), Yes],
  ['a key=value not the latin-1 reading of a key', tags({ key: 'é', value: 'x' }), attribute('Ã©', 'x'), No],
  ['tags null', span({ tags: null }), text('x'), No],
  ['tags an object', span({ tags: { key: 'cust', value: 'cust' } }), text('cust'), No],
  ['logs an object', span({ logs: { fields: [{ key: 'cust', value: 'v' }] } }), text('cust'), No],
  [
    'fields an object',
    span({ logs: [{ timestamp: 1, fields: { key: 'cust', value: 'v' } }] }),
    text('cust'),
    No,
  ],
  ['a log without fields', span({ logs: [{ timestamp: 1 }] }), text('cust'), No],
  [
    'an unknown tag property',
    tags({ key: 'k', value: 'v', extra: { key: 'cust', value: 'cust' } }),
    text('cust'),
    No,
  ],
  ['tags written twice', raw('[{"key":"a","value":"cust"}]', ',"tags":[]'), text('cust'), Unsure],
  [
    'logs written twice',
    raw('[]', ',"logs":[],"logs":[{"fields":[{"key":"cust","value":"v"}]}]'),
    text('cust'),
    Unsure,
  ],
  ['a key written twice', raw('[{"key":"cust","key":"b","value":"v"}]'), text('cust'), Unsure],
  ['a value written twice', raw('[{"key":"k","value":"cust","value":"v"}]'), text('cust'), Unsure],
  [
    'a type written twice',
    raw('[{"key":"k","type":"int64","type":"string","value":"007"}]'),
    text('007'),
    Unsure,
  ],
  [
    'fields written twice',
    raw('[]', ',"logs":[{"fields":[{"key":"cust","value":"v"}],"fields":[]}]'),
    text('cust'),
    Unsure,
  ],
  ['a value that is an object', raw('[{"key":"k","value":{"cust":1}}]'), text('object'), Unsure],
  ['a value that is an array', raw('[{"key":"k","value":["cust"]}]'), text('cust'), Unsure],
  [
    'an event name that is an object',
    raw('[]', ',"logs":[{"fields":[{"key":"event","value":{}}]}]'),
    text('object'),
    Unsure,
  ],
  [
    'an object value written key, type, value',
    raw('[{"key":"k","type":"int64","value":{}}]'),
    text('1'),
    Unsure,
  ],
  [
    'an array value written key, type, value',
    raw('[{"key":"k","type":"string","value":[{}]}]'),
    text('o'),
    Unsure,
  ],
  [
    'an event name that is an object written key, type, value',
    raw('[]', ',"logs":[{"fields":[{"key":"event","type":"string","value":{}}]}]'),
    text('o'),
    Unsure,
  ],
  [
    'a value that is an object, then one that is not',
    raw('[{"key":"k","type":"string","value":{},"value":"cust"}]'),
    text('cust'),
    Unsure,
  ],
  ['a tag that is a number', raw('[1]'), text('1'), Unsure],
  ['a tag that is a string', raw('["cust"]'), text('cust'), Unsure],
  ['a tag that is null', raw('[null]'), text('x'), Unsure],
  ['a tag that is an array', raw('[["cust"]]'), text('cust'), Unsure],
  ['a log that is not an object', raw('[]', ',"logs":[1]'), text('x'), Unsure],
  ['a log field that is not an object', raw('[]', ',"logs":[{"fields":["cust"]}]'), text('cust'), Unsure],
  ['a tag without a value', raw('[{"key":"k","type":"string"}]'), text('k'), Unsure],
  [
    'an event field without a value',
    raw('[]', ',"logs":[{"fields":[{"key":"event"}]}]'),
    text('undefined'),
    Unsure,
  ],
  ['a tag without a key', raw('[{"value":"cust"}]'), text('cust'), Unsure],
  ['a tag whose key is a number', raw('[{"key":5,"value":"v"}]'), text('5'), Unsure],
  ['a tag whose key is null', raw('[{"key":null,"value":"v"}]'), text('v'), Unsure],
  ['a tag whose type is not a string', raw('[{"key":"k","type":1,"value":"v"}]'), text('v'), Unsure],
  // Escapes: what a string says is what JSON.parse reads, not its bytes.
  ['an escaped tags', rawSpan('"t\\u0061gs":[{"key":"cust","value":"v"}]'), text('cust'), Yes],
  ['an escaped key name', raw('[{"k\\u0065y":"cust","value":"v"}]'), text('cust'), Yes],
  ['an escaped value name', raw('[{"key":"k","v\\u0061lue":"Cust"}]'), text('cust'), Yes],
  ['an escaped type name', raw('[{"key":"k","typ\\u0065":"int64","value":"007"}]'), text('007'), No],
  [
    'escaped logs and fields',
    rawSpan('"l\\u006fgs":[{"timestamp":1,"f\\u0069elds":[{"key":"cust","value":"v"}]}]'),
    text('cust'),
    Yes,
  ],
  [
    'tags written twice, once escaped',
    raw('[{"key":"cust","value":"v"}]', ',"t\\u0061gs":[]'),
    text('cust'),
    Unsure,
  ],
  [
    'a value written twice, once escaped',
    raw('[{"key":"k","value":"cust","v\\u0061lue":"x"}]'),
    text('cust'),
    Unsure,
  ],
  [
    'fields written twice, once escaped',
    rawSpan('"logs":[{"fields":[{"key":"cust","value":"v"}],"fi\\u0065lds":[]}]'),
    text('cust'),
    Unsure,
  ],
  [
    'a property named like tags, not tags',
    raw('[{"key":"cust","value":"v"}]', ',"t\\u0061gs ":[]'),
    text('cust'),
    Yes,
  ],
  [
    'an escaped synthetic key',
    raw('[{"key":"span\\u002ekind","type":"string","value":"server"}]'),
    text('server'),
    No,
  ],
  [
    'an escaped event key names the event',
    rawSpan(
      '"logs":[{"timestamp":1,"fields":[{"key":"ev\\u0065nt","value":"Named"},{"key":"event","value":"second"}]}]',
    ),
    text('named'),
    Yes,
  ],
  [
    'after an escaped event key, event is dropped',
    rawSpan(
      '"logs":[{"timestamp":1,"fields":[{"key":"ev\\u0065nt","value":"Named"},{"key":"event","value":"second"}]}]',
    ),
    text('second'),
    No,
  ],
  [
    'an escaped letter in a value',
    raw('[{"key":"k","type":"string","value":"Cu\\u0073t"}]'),
    text('cust'),
    Yes,
  ],
  [
    'not the bytes of an escape',
    raw('[{"key":"k","type":"string","value":"Cu\\u0073t"}]'),
    text('u0073'),
    No,
  ],
  ['an escaped quote', raw('[{"key":"k","type":"string","value":"a\\"b"}]'), text('a"b'), Yes],
  ['an escaped backslash', raw('[{"key":"k","value":"a\\\\b"}]'), text('a\\b'), Yes],
  ['an escaped backslash is one', raw('[{"key":"k","value":"a\\\\b"}]'), text('a\\\\b'), No],
  ['an escaped line break', raw('[{"key":"k","value":"a\\nb"}]'), text('anb'), No],
  ['an escaped type', raw('[{"key":"n","type":"int\\u0036\\u0034","value":"007"}]'), text('7'), Yes],
  [
    'an escaped type converts',
    raw('[{"key":"n","type":"int\\u0036\\u0034","value":"007"}]'),
    text('007'),
    No,
  ],
  ['an escaped Kelvin sign', raw('[{"key":"\\u212Aey","type":"string","value":"v"}]'), text('key'), Yes],
  [
    'an escaped key=value',
    raw('[{"key":"http\\u002emethod","type":"string","value":"G\\u0045T"}]'),
    attribute('http.method', 'GET'),
    Yes,
  ],
  [
    'an escaped key=value, not its bytes',
    raw('[{"key":"http\\u002emethod","value":"GET"}]'),
    attribute('http\\u002emethod', 'GET'),
    No,
  ],
];

describe('SpanJsonReader', () => {
  const named = CASES.map(
    ([name, given, term, expected]) =>
      [`${name}: ${show(term)} → ${VERDICT_NAMES[expected]}`, given, term, expected] as const,
  );
  it.each(named)('%s', (_name, given, term, expected) => {
    const json = typeof given === 'string' ? given : JSON.stringify(given);
    // The case itself is right: what find answers on the decoded span.
    if (expected !== Unsure) expect(truth(json, term)).toBe(expected === Yes);
    expect(verdictOf(json, term)).toBe(expected);
    const { reader, from, to } = embedded(json);
    expect(reader.verdict(from, to, term)).toBe(expected);
    expect(farAway(json, term)).toBe(expected);
    if (typeof given !== 'string') {
      expect(verdictOf(JSON.stringify(given, null, 2), term)).toBe(expected);
      expect(verdictOf(`\r\n ${JSON.stringify(given, null, '\t')}\t`, term)).toBe(expected);
    }
  });

  it('is unsure of every cut of a span, and of bytes after it', () => {
    const json = JSON.stringify(event, null, 1);
    const bytes = encode(json);
    const reader = new SpanJsonReader(bytes, utf8);
    for (let to = 1; to < bytes.length; to++)
      expect([to, reader.verdict(0, to, text('retry'))]).toEqual([to, Unsure]);
    for (let from = 1; from < bytes.length; from++)
      expect([from, reader.verdict(from, bytes.length, text('retry'))]).toEqual([from, Unsure]);
    for (const after of ['x', '}', ']', '{}', ',', '"a"', '1'])
      expect(verdictOf(json + after, text('retry')), after).toBe(Unsure);
  });

  it('is unsure of malformed spans it cannot follow', () => {
    const malformed = [
      raw('[{"key":"k","value":"cust}]'),
      raw('[{"key":"k","value":}]'),
      raw('[{"key":"k","value":"cust"}]', '}'),
      raw('[{"key":"k","value":"cust"}'),
      `[${raw('[]')}]`,
      // Unbalanced or mismatched brackets, a literal or an escape JSON.parse refuses.
      raw('[{"key":"k","value":"cust"}]]'),
      raw('[{"key":"k","value":"cust"]}'),
      // Not a span object at all, or something before it.
      '"cust"',
      '',
      `x${raw('[{"key":"cust","value":"v"}]')}`,
    ];
    for (const json of malformed) expect(verdictOf(json, text('cust')), json).toBe(Unsure);
    // A literal or an escape JSON.parse refuses, where its text is needed.
    const refused = [
      raw('[{"key":"k","value":tru}]'),
      raw('[{"key":"k","type":"int64","value":tru}]'),
      raw('[{"key":"k","value":"\\x"}]'),
    ];
    for (const json of refused) expect(verdictOf(json, text('tru')), json).toBe(Unsure);
  });

  it('answers each term asked in turn with one reader', () => {
    const json = JSON.stringify(attributes);
    const { reader, from, to } = embedded(json);
    const terms = [
      text('get'),
      attribute('http.method', 'GET'),
      text('get'),
      attribute('n', '7'),
      text('server'),
    ];
    expect(terms.map((term) => reader.verdict(from, to, term))).toEqual([Yes, Yes, Yes, Yes, No]);
    expect(terms.map((term) => reader.verdict(from, to, { ...term }))).toEqual([Yes, Yes, Yes, Yes, No]);
  });
});
