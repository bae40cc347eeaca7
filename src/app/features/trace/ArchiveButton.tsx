import { useMutation } from '@tanstack/react-query';
import { apiUrl } from '../../basePath';
import { embedOptions } from '../../config/embedded';
import { hasBackendCapability, uiConfig } from '../../config/runtimeConfig';
import { useIsUploadedTrace } from '../../stores/uploadedTraces';

/** `POST /api/archive/{id}`: copies the trace to archive storage, where it outlives retention. */
async function archiveTrace(traceId: string): Promise<void> {
  const url = apiUrl(`api/archive/${encodeURIComponent(traceId)}`).toString();
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { Accept: 'application/json' } });
  } catch {
    throw new Error('The backend could not be reached. Check that it is running, then try again.');
  }
  if (response.ok) return;
  const text = await response.text();
  let message = text.trim();
  try {
    const body: unknown = JSON.parse(text);
    const errors = (body as { errors?: { msg?: unknown }[] } | null)?.errors;
    if (Array.isArray(errors) && typeof errors[0]?.msg === 'string') message = errors[0].msg;
  } catch {
    // Not JSON: the text itself is the message.
  }
  throw new Error(`Archiving failed (HTTP ${response.status}): ${message || response.statusText}`);
}

/**
 * Jaeger UI's "Archive Trace": shown when the UI config allows it (`archiveEnabled`), the backend
 * has archive storage, the trace came from the backend and the page is not embedded.
 */
export function ArchiveButton({ traceId }: { traceId: string }) {
  const uploaded = useIsUploadedTrace(traceId);
  const archive = useMutation({ mutationFn: () => archiveTrace(traceId) });
  const allowed =
    uiConfig().archiveEnabled && hasBackendCapability('archiveStorage') && !embedOptions().embedded;
  if (!allowed || uploaded) return null;
  return (
    <span className="trace-archive" aria-live="polite">
      <button
        type="button"
        className="link-button"
        disabled={archive.isPending || archive.isSuccess}
        onClick={() => archive.mutate()}
      >
        {archive.isPending ? 'Archiving…' : archive.isSuccess ? 'Archived' : 'Archive trace'}
      </button>
      {archive.isError && (
        <span className="field__error" role="alert">
          {archive.error.message}
        </span>
      )}
    </span>
  );
}
