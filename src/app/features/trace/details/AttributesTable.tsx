import type { Attribute } from '../../../../core/model/attributes';
import { CopyButton } from '../../../components/CopyButton';
import { copyText, TYPE_LABELS } from './attributeFormat';
import { AttributeValue } from './AttributeValue';

interface AttributesTableProps {
  attributes: readonly Attribute[];
  /** Names the table for assistive tech, e.g. "Span attributes". */
  label: string;
}

/** Key, type and value of each attribute, sorted by key as Jaeger shows them, each copyable. */
export function AttributesTable({ attributes, label }: AttributesTableProps) {
  if (attributes.length === 0) return <p className="details__empty">None</p>;
  const sorted = [...attributes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return (
    <table className="attrs" aria-label={label}>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Type</th>
          <th scope="col">Value</th>
          <th scope="col">Copy</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a, i) => (
          <tr key={`${a.key}\u0000${i}`}>
            <th scope="row" className="attrs__key mono">
              {a.key}
            </th>
            <td className="attrs__type">{TYPE_LABELS[a.type]}</td>
            <td className="attrs__value">
              <AttributeValue value={a} />
            </td>
            <td className="attrs__copy">
              <CopyButton text={copyText(a)} label={`Copy value of ${a.key}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
