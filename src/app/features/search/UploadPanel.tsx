import { useRef } from 'react';
import { useUploadedTracesStore } from '../../stores/uploadedTraces';
import type { UploadOutcome } from './useTraceFileUpload';

interface UploadPanelProps {
  outcomes: readonly UploadOutcome[];
  busy: boolean;
  onFiles(files: File[]): void;
}

/** Open local trace files: a button here, or drop them anywhere on the page. */
export function UploadPanel({ outcomes, busy, onFiles }: UploadPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const count = useUploadedTracesStore((s) => s.byId.size);
  const clear = useUploadedTracesStore((s) => s.clear);
  const failed = outcomes.filter((o) => !o.ok);
  const opened = outcomes.filter((o) => o.ok);

  return (
    <section className="upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading" className="upload__heading">
        Open trace files
      </h2>
      <p className="upload__hint">
        Jaeger JSON, or OTLP JSON and JSON Lines. Read in your browser; drop files anywhere on this page.
      </p>
      <div className="upload__actions">
        <button type="button" className="btn" onClick={() => input.current?.click()} disabled={busy}>
          {busy ? 'Opening…' : 'Open file…'}
        </button>
        {count > 0 && (
          <button type="button" className="btn btn--quiet" onClick={clear}>
            Close {count} {count === 1 ? 'trace' : 'traces'} from files
          </button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Trace files"
        accept=".json,.jsonl,.ndjson,application/json"
        multiple
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      {failed.length > 0 && (
        <div role="alert" aria-label="Files that could not be opened">
          <ul className="upload__problems">
            {failed.map((o) => (
              <li key={o.fileName}>
                <strong>{o.fileName}</strong>: {o.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {opened.length > 0 && (
        <div role="status" aria-label="Opened files">
          <ul className="upload__opened">
            {opened.map((o) => (
              <li key={o.fileName}>
                <strong>{o.fileName}</strong>: {o.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
