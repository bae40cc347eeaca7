/** Reading a query API response without the DOM: shared by the page and the trace worker. */

/** The `errors[0].msg` of a Jaeger error envelope, if the body is one. */
export function envelopeMessage(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : null;
    const first: unknown = Array.isArray(errors) ? errors[0] : null;
    const msg = typeof first === 'object' && first !== null ? (first as { msg?: unknown }).msg : null;
    return typeof msg === 'string' ? msg : null;
  } catch {
    return null;
  }
}

/**
 * Content-Length counts the bytes on the wire; when the body is compressed the stream yields
 * more than that, so a total is only trusted for an identity-encoded body.
 */
export function declaredTotal(response: Response): number | null {
  const encoding = response.headers.get('Content-Encoding');
  if (encoding && encoding !== 'identity') return null;
  const length = Number(response.headers.get('Content-Length'));
  return Number.isFinite(length) && length > 0 ? length : null;
}

/** "HTTP 502 Bad Gateway" */
export function statusText(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
