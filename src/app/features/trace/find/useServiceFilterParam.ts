/**
 * Keeps the service filter and the URL's `svcFilter` in step: a link opens with the services it
 * hid still hidden, and hiding a service updates the address (replacing the entry, as find does).
 */
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useTraceViewStore } from '../state/traceViewStore';
import { decodeServiceFilter, encodeServiceFilter, SERVICE_FILTER_PARAM } from './serviceFilterParam';

export function useServiceFilterParam(): void {
  const store = useTraceViewStore();
  const [params, setParams] = useSearchParams();
  const param = params.get(SERVICE_FILTER_PARAM);
  /** What the URL says, as last seen: a filter equal to it needs no navigation. */
  const written = useRef(param);

  // The URL leads: on arrival, and when Back or a pasted link changes it.
  useEffect(() => {
    written.current = param;
    const { skeleton, tree, setHiddenServices } = store.getState();
    const wanted = param ? (decodeServiceFilter(skeleton.services, param) ?? []) : [];
    const current = tree.hiddenServices();
    if (wanted.length !== current.length || wanted.some((i) => !current.includes(i)))
      setHiddenServices(wanted);
  }, [store, param]);

  // Then every change of the filter is written back.
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        // Collapsing and expanding bump the version too: only a changed filter touches the URL.
        if (state.treeVersion === previous.treeVersion) return;
        const encoded = encodeServiceFilter(state.skeleton.services, state.tree.hiddenServices());
        if (encoded === written.current) return;
        written.current = encoded;
        setParams(
          (prev) => {
            const next = new URLSearchParams(prev);
            if (encoded) next.set(SERVICE_FILTER_PARAM, encoded);
            else next.delete(SERVICE_FILTER_PARAM);
            return next;
          },
          { replace: true },
        );
      }),
    [store, setParams],
  );
}
