/**
 * The attribute columns someone added to the spans table, fetched from the worker one key at a
 * time and kept while the table is open (a column costs two typed arrays, not a string per row).
 */
import { useEffect, useRef, useState } from 'react';
import type { AttributeColumn } from '../../../../../core/analysis/attributeColumns';
import { useTraceView } from '../../state/traceViewStore';

export function useAttributeColumns(keys: readonly string[]): ReadonlyMap<string, AttributeColumn> {
  const handle = useTraceView((s) => s.handle);
  const [columns, setColumns] = useState<ReadonlyMap<string, AttributeColumn>>(new Map());
  const requested = useRef(new Set<string>());
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    for (const key of keys) {
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      handle.analyse('attributeColumn', { key }).then(
        (column) => {
          if (mounted.current) setColumns((m) => new Map(m).set(key, column));
        },
        () => {
          // A column that cannot be read shows no values; the table itself keeps working.
          requested.current.delete(key);
        },
      );
    }
  }, [handle, keys]);
  return columns;
}
