/**
 * `/api/v3/trace-summaries` bodies into the core TraceSummary, validated at the boundary as Jaeger
 * UI does (api/v3/schemas.ts): a 32-hex `traceId` (or `traceID`), decimal-string nanoseconds, and
 * gogo jsonpb's habit of leaving out every zero or empty field.
 */
import { readInsightTally } from '../../core/insights/summaryTally';
import type { ServiceSummary, TraceSummary } from '../../core/trace/summary';
import { ApiError } from './apiError';
import { isJsonObject, type JaegerResponse } from './jaegerFetch';

const TRACE_ID = /^[0-9a-f]{32}$/i;
const NANOS = /^\d+$/;

class SummaryError extends Error {}

function count(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw new SummaryError(`${path}: expected a count, got ${JSON.stringify(value)}`);
}

function text(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new SummaryError(`${path}: expected a string, got ${JSON.stringify(value)}`);
}

function nanos(value: unknown, path: string): bigint | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && NANOS.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw new SummaryError(`${path}: expected decimal nanoseconds, got ${JSON.stringify(value)}`);
}

function service(value: unknown, path: string): ServiceSummary {
  if (!isJsonObject(value)) throw new SummaryError(`${path}: expected an object`);
  return {
    name: text(value.name, `${path}.name`),
    spanCount: count(value.spanCount, `${path}.spanCount`),
    errorCount: count(value.errorSpanCount, `${path}.errorSpanCount`),
  };
}

function summary(value: unknown, path: string): TraceSummary {
  if (!isJsonObject(value)) throw new SummaryError(`${path}: expected an object`);
  const id = value.traceId ?? value.traceID;
  if (typeof id !== 'string' || !TRACE_ID.test(id)) {
    throw new SummaryError(`${path}.traceId: expected 32 hex digits, got ${JSON.stringify(id)}`);
  }
  const start = nanos(value.minStartTimeUnixNano, `${path}.minStartTimeUnixNano`) ?? 0n;
  const end = nanos(value.maxEndTimeUnixNano, `${path}.maxEndTimeUnixNano`) ?? start;
  const services = value.services === undefined || value.services === null ? [] : value.services;
  if (!Array.isArray(services)) throw new SummaryError(`${path}.services: expected an array`);
  // Tracelens's extension: a malformed tally is left out rather than failing the search.
  const insights = readInsightTally(value.tracelensInsights);
  return {
    ...(insights ? { insights } : {}),
    traceId: id.toLowerCase(),
    rootServiceName: text(value.rootServiceName, `${path}.rootServiceName`),
    rootOperationName: text(value.rootOperationName, `${path}.rootOperationName`),
    startUs: Number(start / 1000n),
    durationUs: Number(end > start ? end - start : 0n) / 1000,
    spanCount: count(value.spanCount, `${path}.spanCount`),
    errorCount: count(value.errorSpanCount, `${path}.errorSpanCount`),
    orphanCount: count(value.orphanSpanCount, `${path}.orphanSpanCount`),
    services: services
      .map((s, i) => service(s, `${path}.services[${i}]`))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

export function parseTraceSummaries({ url, body }: JaegerResponse): TraceSummary[] {
  try {
    if (!isJsonObject(body)) throw new SummaryError('expected {"summaries": [...]}');
    const list = body.summaries ?? [];
    if (!Array.isArray(list)) throw new SummaryError('summaries: expected an array');
    return list.map((s, i) => summary(s, `summaries[${i}]`));
  } catch (error) {
    if (!(error instanceof SummaryError)) throw error;
    throw new ApiError(
      `The backend at ${url} sent trace summaries that could not be read: ${error.message}`,
      200,
      url,
    );
  }
}
