import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { isApiError } from './apiError';

const MAX_RETRIES = 2;

/** 4xx answers (bad ID, trace not found) will not change on a retry; anything else might. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.isClientError) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: {
        retry: shouldRetry,
        // Refetching a search when the tab regains focus would reorder results under the reader.
        refetchOnWindowFocus: false,
        ...config.defaultOptions?.queries,
      },
    },
  });
}
