/** Lays a graph out in its own ELK worker; only structure and size changes trigger a layout. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { layoutInputOf, layoutKeyOf, type GraphData } from './graphModel';
import { LayoutCancelled, LayoutClient } from './layoutClient';
import type { LayoutDirection, LayoutResult } from './layoutProtocol';

export interface GraphLayoutState {
  layout: LayoutResult | null;
  /** The key of the structure `layout` was computed for. */
  layoutFor: string | null;
  error: string | null;
  pending: boolean;
  /** The key of the structure asked for now. */
  key: string;
}

export function useGraphLayout(
  data: GraphData,
  direction: LayoutDirection,
  deadlineMs?: number,
): GraphLayoutState {
  const clientRef = useRef<LayoutClient | null>(null);
  const input = useMemo(() => layoutInputOf(data, direction), [data, direction]);
  const key = useMemo(() => layoutKeyOf(input), [input]);
  const [state, setState] = useState<Omit<GraphLayoutState, 'key'>>({
    layout: null,
    layoutFor: null,
    error: null,
    pending: false,
  });

  useEffect(() => {
    const client = new LayoutClient();
    client.warmUp();
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  useEffect(() => {
    const client = clientRef.current;
    if (client === null || input.nodes.length === 0) return;
    let live = true;
    setState((s) => ({ ...s, pending: true, error: null }));
    client.layout(input, deadlineMs).then(
      (layout) => live && setState({ layout, layoutFor: key, error: null, pending: false }),
      (err: unknown) => {
        // A superseded layout is not an error: the newer one is already running.
        if (!live || err instanceof LayoutCancelled) return;
        setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err), pending: false }));
      },
    );
    return () => {
      live = false;
    };
    // `input` is rebuilt whenever the data object changes; `key` only with what ELK lays out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, deadlineMs]);

  return { ...state, key };
}
