/**
 * The largest file opened in the browser. JSON.parse holds the text and the parsed tree in memory
 * together (several times the file size) on the main thread; past this, a tab stalls for seconds
 * or runs out of memory, and the backend is the better place for the data.
 */
export const MAX_TRACE_FILE_BYTES = 100 * 1024 * 1024;

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/** Why a file is too big to open, or null when it is fine. */
export function fileSizeProblem(name: string, bytes: number, limit = MAX_TRACE_FILE_BYTES): string | null {
  if (bytes <= limit) return null;
  return (
    `${name} is ${megabytes(bytes)}; files up to ${megabytes(limit)} can be opened in the browser. ` +
    'Split it into smaller files, or send the spans to the backend over OTLP.'
  );
}
