/**
 * Trace files a person drops on the search page, read without any backend: Jaeger JSON (the
 * query API's `{"data": [...]}`, `{"data": {...}}`, a bare array of traces, or one trace), OTLP
 * JSON (`{"resourceSpans": [...]}`, as the collector's file exporter and `/api/v3` write it), and
 * either of them as JSON Lines, one object per line.
 *
 * Jaeger UI posts OTLP files to the backend's `/api/transform`; converting here instead means a
 * file opens with no backend at all, through the same model as fetched traces.
 */
import { traceFromJaeger, tracesFromJaegerResponse } from '../jaeger/fromJaegerJson';
import type { JaegerTrace } from '../jaeger/jaegerJson';
import { DecodeError } from '../model/decodeError';
import type { Span, Trace } from '../model/trace';
import { spansFromOtlpJson } from '../otlp/fromOtlpJson';
import { groupByTrace } from '../trace/groupByTrace';
import { jsonSyntaxProblem } from './jsonSyntax';

export type TraceFileFormat = 'jaeger-json' | 'otlp-json' | 'jaeger-jsonl' | 'otlp-jsonl';

export const traceFileFormatNames: Record<TraceFileFormat, string> = {
  'jaeger-json': 'Jaeger JSON',
  'otlp-json': 'OTLP JSON',
  'jaeger-jsonl': 'Jaeger JSON Lines',
  'otlp-jsonl': 'OTLP JSON Lines',
};

export interface TraceFile {
  format: TraceFileFormat;
  /** Traces with at least one span, in first-seen order. */
  traces: Trace[];
}

/** A file that cannot be read as traces; the message names the line and field to look at. */
export class TraceFileError extends Error {
  override name = 'TraceFileError';

  constructor(
    message: string,
    /** 1-based line of the problem, when it is known. */
    readonly line?: number,
  ) {
    super(message);
  }
}

const NOT_TRACES =
  'This is not a trace file. Expected Jaeger JSON ({"data": [traces]}, an array of traces or one trace) ' +
  'or OTLP JSON ({"resourceSpans": [...]}), or either as JSON Lines.';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOtlp = (v: unknown) => isObject(v) && 'resourceSpans' in v;
const isJaegerTrace = (v: unknown) => isObject(v) && Array.isArray(v.spans);

/** Reads a whole file's text. Throws TraceFileError. */
export function parseTraceFile(text: string): TraceFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new TraceFileError('The file is empty.');
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch (error) {
    if (looksLikeJsonLines(body)) return parseJsonLines(body);
    const problem = jsonSyntaxProblem(error, body);
    throw new TraceFileError(`This file is not valid JSON: ${problem.message}`, problem.line);
  }
  return decoded(() => fromJsonValue(whole));
}

function fromJsonValue(value: unknown): TraceFile {
  if (isOtlp(value)) return { format: 'otlp-json', traces: tracesOf(spansFromOtlpJson(value)) };
  if (Array.isArray(value) && value.length > 0 && value.every(isOtlp)) {
    const spans = value.flatMap((request, i) => withPath(`[${i}]`, () => spansFromOtlpJson(request)));
    return { format: 'otlp-json', traces: tracesOf(spans) };
  }
  if (isObject(value) && isObject(value.data)) {
    return {
      format: 'jaeger-json',
      traces: nonEmpty([traceFromJaeger(value.data as unknown as JaegerTrace, 'data')]),
    };
  }
  if (Array.isArray(value) || isJaegerTrace(value) || (isObject(value) && Array.isArray(value.data))) {
    return { format: 'jaeger-json', traces: nonEmpty(dedupe(tracesFromJaegerResponse(value))) };
  }
  throw new TraceFileError(NOT_TRACES);
}

/** JSON Lines when the first non-empty line is a complete JSON value on its own. */
function looksLikeJsonLines(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (first === undefined || first.trim() === text.trim()) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function parseJsonLines(text: string): TraceFile {
  const spans: Span[] = [];
  const jaeger: Trace[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const problem = jsonSyntaxProblem(error, raw);
      throw new TraceFileError(`Line ${line} is not valid JSON: ${problem.message}`, line);
    }
    try {
      if (isOtlp(value)) spans.push(...spansFromOtlpJson(value));
      else if (isJaegerTrace(value) || isObject(value)) jaeger.push(...tracesFromJaegerResponse(value));
      else throw new TraceFileError(NOT_TRACES);
    } catch (error) {
      throw new TraceFileError(`Line ${line}: ${messageOf(error)}`, line);
    }
  }
  const traces = nonEmpty([...groupByTrace(spans), ...dedupe(jaeger)]);
  return { format: spans.length >= jaeger.length ? 'otlp-jsonl' : 'jaeger-jsonl', traces };
}

/** Spans of one trace may arrive in several OTLP requests (lines); they belong together. */
function tracesOf(spans: readonly Span[]): Trace[] {
  return nonEmpty(groupByTrace(spans));
}

/** A trace listed twice (e.g. two downloads concatenated) is kept once, as Jaeger UI does. */
function dedupe(traces: readonly Trace[]): Trace[] {
  const byId = new Map<string, Trace>();
  for (const t of traces) if (!byId.has(t.traceId)) byId.set(t.traceId, t);
  return [...byId.values()];
}

function nonEmpty(traces: readonly Trace[]): Trace[] {
  const kept = traces.filter((t) => t.spans.length > 0);
  if (kept.length === 0) throw new TraceFileError('The file holds no spans.');
  return kept;
}

function withPath<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DecodeError)
      throw new DecodeError(prefix + (error.path ? `.${error.path}` : ''), detail(error));
    throw error;
  }
}

function detail(error: DecodeError): string {
  return error.path ? error.message.slice(error.path.length + 2) : error.message;
}

function decoded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TraceFileError) throw error;
    throw new TraceFileError(messageOf(error));
  }
}

function messageOf(error: unknown): string {
  if (error instanceof DecodeError) return error.path ? `${error.path}: ${detail(error)}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
