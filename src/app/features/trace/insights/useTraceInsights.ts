/**
 * The open trace's insights, asked of the trace worker once per trace and shared by everything
 * that shows them (the header's count, the panel). Kept per TraceHandle, so a new trace (or a
 * reload) starts afresh and a closed one is forgotten with its handle.
 */
import { useSyncExternalStore } from 'react';
import type { Insight } from '../../../../core/insights/insight';
import type { TraceHandle } from '../../../workers/traceClient';
import { useTraceView } from '../state/traceViewStore';

export type InsightsState =
  | { status: 'loading' }
  | { status: 'ready'; insights: readonly Insight[] }
  | { status: 'failed'; message: string };

interface Entry {
  state: InsightsState;
  listeners: Set<() => void>;
  subscribe(listener: () => void): () => void;
  load(): void;
}

const entries = new WeakMap<TraceHandle, Entry>();

function entryFor(handle: TraceHandle): Entry {
  const entry = entries.get(handle);
  if (entry) return entry;
  const created: Entry = {
    state: { status: 'loading' },
    listeners: new Set(),
    subscribe(listener) {
      created.listeners.add(listener);
      return () => created.listeners.delete(listener);
    },
    load() {
      const settle = (state: InsightsState) => {
        created.state = state;
        for (const listener of created.listeners) listener();
      };
      settle({ status: 'loading' });
      handle.analyse('insights', {}).then(
        ({ insights }) => settle({ status: 'ready', insights }),
        (error: unknown) =>
          settle({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
    },
  };
  entries.set(handle, created);
  created.load();
  return created;
}

export function useTraceInsights(): InsightsState & { retry(): void } {
  const handle = useTraceView((s) => s.handle);
  const entry = entryFor(handle);
  const state = useSyncExternalStore(entry.subscribe, () => entry.state);
  return { ...state, retry: entry.load };
}
