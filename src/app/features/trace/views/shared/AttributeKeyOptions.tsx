import type { AttributeKey } from '../../../../../core/analysis/attributeColumns';

interface AttributeKeyOptionsProps {
  keys: readonly AttributeKey[];
  /** Option values are `prefix + key`. */
  prefix?: string;
  exclude?: readonly string[];
}

/**
 * The trace's attribute keys as <option>s in two groups: keys set on spans, then keys only
 * resources (processes) carry. Each says on how many spans it is set (on the span itself for the
 * first group, through the resource for the second).
 */
export function AttributeKeyOptions({ keys, prefix = '', exclude = [] }: AttributeKeyOptionsProps) {
  const span = keys.filter((k) => k.spanCount > 0 && !exclude.includes(k.key));
  const resource = keys.filter((k) => k.spanCount === 0 && !exclude.includes(k.key));
  const option = (k: AttributeKey) => {
    const spans = k.spanCount > 0 ? k.spanCount : k.resourceCount;
    return (
      <option key={k.key} value={prefix + k.key}>
        {`${k.key} (${spans.toLocaleString()} ${spans === 1 ? 'span' : 'spans'})`}
      </option>
    );
  };
  return (
    <>
      {span.length > 0 && <optgroup label="Span attributes">{span.map(option)}</optgroup>}
      {resource.length > 0 && <optgroup label="Resource attributes">{resource.map(option)}</optgroup>}
    </>
  );
}
