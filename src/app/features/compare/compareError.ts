/** Why a comparison could not be shown, and which trace it was about. */
import { ApiError, isApiError } from '../../api/apiError';
import type { Side } from './worker/diffProtocol';

/**
 * An ApiError (so the app's retry policy applies: a missing trace is not asked for again, a
 * backend that was down is) that also says which of the two traces it concerns.
 */
export class ComparisonError extends ApiError {
  constructor(
    message: string,
    /** HTTP status of the failed download; 0 when nothing answered, 200 when the body was bad. */
    status: number,
    url: string,
    /** The trace the failure concerns; null when it concerns neither (the worker stopped). */
    readonly side: Side | null,
  ) {
    super(message, status, url);
  }
}

/** Tags a download failure with the side it happened on. */
export function sideError(side: Side, error: unknown): unknown {
  if (error instanceof ComparisonError || !isApiError(error)) return error;
  return new ComparisonError(error.message, error.status, error.url, side);
}
