import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileSizeProblem, MAX_TRACE_FILE_BYTES } from './fileSize';
import { parseTraceFile, TraceFileError } from './traceFile';

const fixture = (name: string) => readFileSync(new URL(`../testdata/${name}`, import.meta.url), 'utf8');
const jaegerTrace = JSON.parse(fixture('jaeger-ui-01.json'));
const otlpRequest = JSON.parse(fixture('otlp2jaeger-in.json'));
const OTLP_TRACE_ID = '83a9efd15c1c98a977e0711cc93ee28b';

function otlpSpan(traceId: string, spanId: string, name: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [
          { spans: [{ traceId, spanId, name, startTimeUnixNano: '1000', endTimeUnixNano: '2000' }] },
        ],
      },
    ],
  };
}

function failure(text: string): TraceFileError {
  try {
    parseTraceFile(text);
  } catch (error) {
    if (error instanceof TraceFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseTraceFile: Jaeger JSON', () => {
  it('reads a single trace, a bare array, and the query API envelope', () => {
    const single = parseTraceFile(JSON.stringify(jaegerTrace));
    expect(single.format).toBe('jaeger-json');
    expect(single.traces).toHaveLength(1);
    expect(single.traces[0].traceId).toBe('0000000000000000' + '0000000000000001');
    expect(parseTraceFile(JSON.stringify([jaegerTrace])).traces).toHaveLength(1);
    const envelope = { data: [jaegerTrace], total: 0, limit: 0, offset: 0, errors: null };
    expect(parseTraceFile(JSON.stringify(envelope)).traces[0].spans.length).toBe(jaegerTrace.spans.length);
    expect(parseTraceFile(JSON.stringify({ data: jaegerTrace })).traces).toHaveLength(1);
  });

  it('keeps a trace listed twice once, and tolerates a byte-order mark', () => {
    const twice = parseTraceFile(`\uFEFF${JSON.stringify({ data: [jaegerTrace, jaegerTrace] })}`);
    expect(twice.traces).toHaveLength(1);
  });
});

describe('parseTraceFile: OTLP', () => {
  it('reads OTLP JSON, grouping spans by trace', () => {
    const file = parseTraceFile(JSON.stringify(otlpRequest));
    expect(file.format).toBe('otlp-json');
    expect(file.traces.map((t) => t.traceId)).toEqual([OTLP_TRACE_ID]);
    expect(file.traces[0].spans[0].resource.serviceName).toBe('telemetrygen');
  });

  it('reads OTLP JSON Lines, joining a trace whose spans arrive on several lines', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    const lines = [
      otlpSpan(a, '1'.repeat(16), 'one'),
      otlpSpan(b, '2'.repeat(16), 'two'),
      otlpSpan(a, '3'.repeat(16), 'three'),
    ];
    const file = parseTraceFile(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    expect(file.format).toBe('otlp-jsonl');
    expect(file.traces.map((t) => [t.traceId, t.spans.map((s) => s.name)])).toEqual([
      [a, ['one', 'three']],
      [b, ['two']],
    ]);
  });

  it('reads Jaeger traces one per line', () => {
    const file = parseTraceFile(
      `${JSON.stringify(jaegerTrace)}\n\n${JSON.stringify({ ...jaegerTrace, traceID: '2' })}`,
    );
    expect(file.format).toBe('jaeger-jsonl');
  });
});

describe('parseTraceFile: files it cannot read', () => {
  it('says the file is empty or holds no spans', () => {
    expect(failure('  \n').message).toBe('The file is empty.');
    expect(failure('{"resourceSpans": []}').message).toBe('The file holds no spans.');
  });

  it('names the line and column of a JSON syntax error', () => {
    const error = failure('{\n  "data": [\n    {"traceID": "1",}\n  ]\n}');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(
      /^This file is not valid JSON: line 3, column 21: Expected double-quoted property name\.$/,
    );
  });

  it('names the line of a broken JSON Lines entry and of a bad field in it', () => {
    const good = JSON.stringify(otlpSpan('a'.repeat(32), '1'.repeat(16), 'one'));
    expect(failure(`${good}\n{"resourceSpans": [}\n`)).toMatchObject({ line: 2 });
    expect(failure(`${good}\n{"resourceSpans": [}\n`).message).toBe(
      "Line 2 is not valid JSON: Unexpected token '}'.",
    );
    const badId = JSON.stringify(otlpSpan('xyz', '1'.repeat(16), 'bad'));
    const error = failure(`${good}\n${badId}`);
    expect(error.line).toBe(2);
    expect(error.message).toBe(
      'Line 2: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits, got "xyz"',
    );
  });

  it('names the field of a bad span in a Jaeger file', () => {
    const broken = { data: [{ ...jaegerTrace, spans: [{ ...jaegerTrace.spans[0], spanID: 'not-hex' }] }] };
    expect(failure(JSON.stringify(broken)).message).toBe('data[0].spans[0].spanID: not a span ID: "not-hex"');
  });

  it('explains what a trace file looks like when it is some other JSON', () => {
    expect(failure('{"hello": "world"}').message).toMatch(/^This is not a trace file\. Expected Jaeger JSON/);
    expect(failure('42').message).toMatch(/^This is not a trace file/);
  });
});

describe('fileSizeProblem', () => {
  it('allows files up to the limit and explains the limit beyond it', () => {
    expect(fileSizeProblem('a.json', MAX_TRACE_FILE_BYTES)).toBeNull();
    expect(fileSizeProblem('big.json', 312 * 1024 * 1024)).toBe(
      'big.json is 312 MB; files up to 100 MB can be opened in the browser. ' +
        'Split it into smaller files, or send the spans to the backend over OTLP.',
    );
  });
});
