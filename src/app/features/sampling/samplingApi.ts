/**
 * Tracelens's sampling API. Reads go through getJaegerJson (so a plain Jaeger's 404 arrives as an
 * ApiError with status 404, which the page explains); edits send JSON and surface the backend's
 * message as written, because it names the field at fault.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../../basePath';
import { ApiError } from '../../api/apiError';
import { getJaegerJson, isJsonObject } from '../../api/jaegerFetch';
import { authorizationHeaders, readQueryToken, unauthorizedMessage } from '../../api/queryToken';
import type { ObservedReport, SamplingState, StrategiesDocument, StrategyEntry } from './samplingModel';

/** The observed rates are shown over this window and refreshed this often. */
export const OBSERVED_WINDOW = '5m';
export const OBSERVED_REFRESH_MS = 5_000;
/** Strategies can also change in the file; a slow poll notices without disturbing an edit. */
const STATE_REFRESH_MS = 30_000;

export const samplingKeys = {
  state: () => ['sampling', 'strategies'] as const,
  observed: (window: string) => ['sampling', 'observed', window] as const,
};

function readState(body: unknown, url: string): SamplingState {
  if (!isJsonObject(body) || !Array.isArray(body.services) || !isJsonObject(body.document)) {
    throw new ApiError(`The backend at ${url} sent sampling strategies that could not be read.`, 200, url);
  }
  return body as unknown as SamplingState;
}

export async function fetchSamplingState(signal?: AbortSignal): Promise<SamplingState> {
  const { url, body } = await getJaegerJson('api/sampling/strategies', undefined, signal);
  return readState(body, url);
}

export async function fetchObserved(window: string, signal?: AbortSignal): Promise<ObservedReport> {
  const { url, body } = await getJaegerJson('api/sampling/observed', new URLSearchParams({ window }), signal);
  if (!isJsonObject(body) || !Array.isArray(body.services)) {
    throw new ApiError(`The backend at ${url} sent observed rates that could not be read.`, 200, url);
  }
  return body as unknown as ObservedReport;
}

/** The v1 envelope's `errors[0].msg`, or null. */
function envelopeMessage(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    const first: unknown = isJsonObject(body) && Array.isArray(body.errors) ? body.errors[0] : undefined;
    return isJsonObject(first) && typeof first.msg === 'string' ? first.msg : null;
  } catch {
    return null;
  }
}

async function send(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<SamplingState> {
  const url = apiUrl(path).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        ...authorizationHeaders(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(`The backend at ${url} could not be reached. Check that it is running.`, 0, url);
  }
  const text = await response.text();
  if (response.status === 401) {
    throw new ApiError(unauthorizedMessage(readQueryToken() !== null), 401, url);
  }
  if (!response.ok) {
    const message =
      envelopeMessage(text) ?? (text.trim() || `The backend at ${url} answered HTTP ${response.status}.`);
    throw new ApiError(message, response.status, url);
  }
  try {
    return readState(JSON.parse(text), url);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      `The backend at ${url} answered with something that is not JSON.`,
      response.status,
      url,
    );
  }
}

const servicePath = (service: string) => `api/sampling/strategies/${encodeURIComponent(service)}`;

export type SamplingEdit =
  | { kind: 'service'; service: string; entry: StrategyEntry }
  | { kind: 'remove'; service: string }
  | { kind: 'document'; document: StrategiesDocument };

export function applyEdit(edit: SamplingEdit): Promise<SamplingState> {
  switch (edit.kind) {
    case 'service':
      return send('PUT', servicePath(edit.service), edit.entry);
    case 'remove':
      return send('DELETE', servicePath(edit.service));
    case 'document':
      return send('PUT', 'api/sampling/strategies', edit.document);
  }
}

export function useSamplingState() {
  return useQuery({
    queryKey: samplingKeys.state(),
    queryFn: ({ signal }) => fetchSamplingState(signal),
    refetchInterval: STATE_REFRESH_MS,
  });
}

export function useObservedRates(enabled: boolean) {
  return useQuery({
    queryKey: samplingKeys.observed(OBSERVED_WINDOW),
    queryFn: ({ signal }) => fetchObserved(OBSERVED_WINDOW, signal),
    refetchInterval: OBSERVED_REFRESH_MS,
    enabled,
  });
}

/** Saves an edit; the answer is the new state, which replaces the cached one at once. */
export function useSamplingEdit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyEdit,
    onSuccess: (state) => queryClient.setQueryData(samplingKeys.state(), { ...state, warnings: undefined }),
  });
}
