/**
 * Where the demo's spans go: the OTel SDK's own OTLP/HTTP exporters, wrapped so that a receiver
 * that is down produces one log line a minute instead of an error per batch, and never a throw.
 */
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export type OtlpEncoding = 'protobuf' | 'json';

/** Per export request; the SDK retries refused connections and 429/50x within it. */
const EXPORT_TIMEOUT_MS = 5000;
/** ExportResultCode.SUCCESS in @opentelemetry/core, which the demo does not depend on directly. */
const EXPORT_SUCCESS = 0;

/**
 * The traces endpoint for an OTLP/HTTP base URL such as http://127.0.0.1:4318; a URL already
 * ending in /v1/traces is used as it is. Throws a TypeError for anything but http(s) URLs.
 */
export function tracesUrl(target: string): string {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`expected an http:// or https:// URL, got ${JSON.stringify(target)}`);
  }
  const base = url.href.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

export function createOtlpExporter(url: string, encoding: OtlpEncoding): SpanExporter {
  const config = { url, timeoutMillis: EXPORT_TIMEOUT_MS };
  return encoding === 'json' ? new OtlpJsonExporter(config) : new OtlpProtobufExporter(config);
}

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** Lets every export through unchanged and tells `onFailure` about each one that failed. */
export function reportingFailures(
  exporter: SpanExporter,
  onFailure: (error: Error | undefined) => void,
): SpanExporter {
  return {
    export(spans, resultCallback: ExportCallback) {
      exporter.export(spans, (result) => {
        if (result.code !== EXPORT_SUCCESS) onFailure(result.error);
        resultCallback(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

/** An export error in words, with the HTTP status when there was one (OTLPExporterError.code). */
export function describeExportError(error: Error | undefined): string {
  if (!error) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? `${error.message} (HTTP ${code})` : error.message;
}

/**
 * A log that says a thing at most once per interval; what it swallowed is counted into the next
 * line, so a long outage reads as one line a minute with a count.
 */
export function throttledLog(
  log: (message: string) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (message: string) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (message) => {
    const t = now();
    if (t - lastLoggedAt < intervalMs) {
      suppressed++;
      return;
    }
    lastLoggedAt = t;
    const extra = suppressed > 0 ? ` (${suppressed} similar messages suppressed)` : '';
    suppressed = 0;
    log(`${message}${extra}`);
  };
}
