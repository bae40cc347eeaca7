import { apiUrl } from '../../../basePath';
import { saveFile } from '../../../components/saveFile';
import { uploadedTraceResponseBytes, useIsUploadedTrace } from '../../../stores/uploadedTraces';

/**
 * The trace as JSON: the query API's pretty-printed answer in a new tab (adjusted, and as stored
 * with `raw=true`), or, for a trace opened
 * from a file (which no backend knows), a download of the same JSON built in the browser.
 */
export function TraceJsonLink({ traceId }: { traceId: string }) {
  const uploaded = useIsUploadedTrace(traceId);
  if (uploaded) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => {
          const bytes = uploadedTraceResponseBytes(traceId);
          if (bytes) saveFile(bytes, `trace-${traceId}.json`);
        }}
      >
        Trace JSON
      </button>
    );
  }
  const url = (raw: boolean) =>
    apiUrl(
      `api/traces/${traceId}`,
      new URLSearchParams(raw ? { raw: 'true', prettyPrint: 'true' } : { prettyPrint: 'true' }),
    ).toString();
  return (
    <>
      <a href={url(false)} target="_blank" rel="noreferrer">
        Trace JSON
      </a>
      {/* As stored, before the backend's adjusters (clock skew, span ID split, sorting), like Jaeger UI's. */}
      <a href={url(true)} target="_blank" rel="noreferrer">
        Unadjusted JSON
      </a>
    </>
  );
}
