/** A failed query-API call, with the message a person should read. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    /** The HTTP status, or 0 when no response arrived at all. */
    readonly status: number,
    /** The URL that was requested, for logs and for the "could not be reached" message. */
    readonly url: string,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The query API wants a bearer token (see queryToken.ts). */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** 4xx: asking again will get the same answer. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
