import { describe, expect, it } from 'vitest';
import { parseGoStringMap } from './goJson';

const err = (text: string): string => {
  try {
    parseGoStringMap(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`parsed ${text}`);
};

describe('parseGoStringMap', () => {
  it('reads an object of strings, null members as empty strings, last duplicate winning', () => {
    expect([...parseGoStringMap(' {"a":"1", "b" : "x\\"y\\u00e9", "n":null, "a":"2"} ')]).toEqual([
      ['a', '2'],
      ['b', 'x"yé'],
      ['n', ''],
    ]);
    expect(parseGoStringMap('null').size).toBe(0);
    expect(parseGoStringMap('{}').size).toBe(0);
  });

  it('reports values of the wrong type like encoding/json, first in document order', () => {
    expect(err('{"b":1,"1":true}')).toBe('json: cannot unmarshal number into Go value of type string');
    expect(err('{"a":true}')).toBe('json: cannot unmarshal bool into Go value of type string');
    expect(err('{"a":{"b":"c"}}')).toBe('json: cannot unmarshal object into Go value of type string');
    expect(err('{"a":[]}')).toBe('json: cannot unmarshal array into Go value of type string');
    expect(err('{"a":1,"a":"x"}')).toBe('json: cannot unmarshal number into Go value of type string');
    expect(err('["a"]')).toBe('json: cannot unmarshal array into Go value of type map[string]string');
    expect(err('"a"')).toBe('json: cannot unmarshal string into Go value of type map[string]string');
    expect(err('12')).toBe('json: cannot unmarshal number into Go value of type map[string]string');
    expect(err('false')).toBe('json: cannot unmarshal bool into Go value of type map[string]string');
  });

  it('reports syntax errors before type errors, with Go’s scanner messages', () => {
    expect(err('')).toBe('unexpected end of JSON input');
    expect(err('{"a":"b"')).toBe('unexpected end of JSON input');
    expect(err('{"a":1} x')).toBe("invalid character 'x' after top-level value");
    expect(err('x')).toBe("invalid character 'x' looking for beginning of value");
    expect(err("{'a':'b'}")).toBe("invalid character '\\'' looking for beginning of object key string");
    expect(err('{"a" "b"}')).toBe(`invalid character '"' after object key`);
    expect(err('{"a":"b" "c":"d"}')).toBe(`invalid character '"' after object key:value pair`);
    expect(err('{"a":"b",}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(err('{"a":[1 2]}')).toBe("invalid character '2' after array element");
    expect(err('{"a":[,]}')).toBe("invalid character ',' looking for beginning of value");
    expect(err('{"a":"\\x"}')).toBe("invalid character 'x' in string escape code");
    expect(err('{"a":"\\u12g4"}')).toBe("invalid character 'g' in \\u hexadecimal character escape");
    expect(err('{"a":"\t"}')).toBe("invalid character '\\t' in string literal");
    expect(err('{"a":-x}')).toBe("invalid character 'x' in numeric literal");
    expect(err('{"a":1.}')).toBe("invalid character '}' after decimal point in numeric literal");
    expect(err('{"a":1e}')).toBe("invalid character '}' in exponent of numeric literal");
    expect(err('{"a":01}')).toBe("invalid character '1' after object key:value pair");
    expect(err('{"a":tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(err('{"a":nul}')).toBe("invalid character '}' in literal null (expecting 'l')");
    expect(err('{"a":fals}')).toBe("invalid character '}' in literal false (expecting 'e')");
    expect(err('é')).toBe("invalid character 'Ã' looking for beginning of value");
    expect(err('\u0001')).toBe("invalid character '\\x01' looking for beginning of value");
    expect(err('{"a":1,"b":x}')).toBe("invalid character 'x' looking for beginning of value");
  });

  it('refuses nesting deeper than encoding/json’s limit without overflowing the stack', () => {
    expect(err('['.repeat(10_001))).toBe("invalid character '[' exceeded max depth");
    expect(err(`{"a":${'['.repeat(9_999)}${']'.repeat(9_999)}}`)).toBe(
      'json: cannot unmarshal array into Go value of type string',
    );
  });
});
