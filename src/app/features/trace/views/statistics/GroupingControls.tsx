import type { AttributeKey } from '../../../../../core/analysis/attributeColumns';
import { AttributeKeyOptions } from '../shared/AttributeKeyOptions';

interface GroupingControlsProps {
  group: string;
  sub: string;
  /** Attribute keys of the trace; null while they are listed. */
  keys: AttributeKey[] | null;
  onGroup(value: string): void;
  onSub(value: string): void;
  /** The keys are listed on first use: listing reads every span's attributes. */
  onWantKeys(): void;
}

/** "Group by" and "then by" pickers; values are URL forms (`service`, `attr:http.route`). */
export function GroupingControls({ group, sub, keys, onGroup, onSub, onWantKeys }: GroupingControlsProps) {
  const attributeOptions = (exclude: string) =>
    keys ? (
      <AttributeKeyOptions
        keys={keys}
        prefix="attr:"
        exclude={exclude.startsWith('attr:') ? [exclude.slice(5)] : []}
      />
    ) : (
      <option disabled>Listing attributes…</option>
    );
  // A key from a shared link that this trace lacks still shows as the current choice.
  const known = (value: string) =>
    value === '' ||
    value === 'service' ||
    value === 'operation' ||
    (keys?.some((k) => `attr:${k.key}` === value) ?? false);
  return (
    <>
      <label className="analysis-toolbar__field">
        Group by
        <span className="select-wrap">
          <select
            className="select"
            value={group}
            onChange={(e) => onGroup(e.target.value)}
            onFocus={onWantKeys}
            onPointerDown={onWantKeys}
          >
            <option value="service">Service</option>
            <option value="operation">Operation</option>
            {!known(group) && <option value={group}>{group.slice(5)}</option>}
            {attributeOptions('')}
          </select>
        </span>
      </label>
      <label className="analysis-toolbar__field">
        then by
        <span className="select-wrap">
          <select
            className="select"
            value={sub}
            onChange={(e) => onSub(e.target.value)}
            onFocus={onWantKeys}
            onPointerDown={onWantKeys}
          >
            <option value="">Nothing</option>
            {group !== 'service' && <option value="service">Service</option>}
            {group !== 'operation' && <option value="operation">Operation</option>}
            {!known(sub) && <option value={sub}>{sub.slice(5)}</option>}
            {attributeOptions(group)}
          </select>
        </span>
      </label>
    </>
  );
}
