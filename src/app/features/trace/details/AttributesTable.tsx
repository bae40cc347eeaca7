import type { Attribute } from '../../../../core/model/attributes';
import { CopyButton } from '../../../components/CopyButton';
import { orderAttributes } from '../../../config/attributeOrder';
import { attributeLinks, type SpanLinkScope } from '../../../config/linkPatterns';
import { PatternLinks } from '../../../config/PatternLinks';
import { uiConfig } from '../../../config/runtimeConfig';
import { copyText, TYPE_LABELS } from './attributeFormat';
import { AttributeValue } from './AttributeValue';

interface AttributesTableProps {
  attributes: readonly Attribute[];
  /** Names the table for assistive tech, e.g. "Span attributes". */
  label: string;
  /** Where the UI config's link patterns apply, with the values they may use. */
  links?: { target: 'attributes' | 'resource' | 'events'; scope: SpanLinkScope };
}

/** Key, type and value of each attribute, sorted by key as Jaeger shows them, each copyable. */
export function AttributesTable({ attributes, label, links }: AttributesTableProps) {
  if (attributes.length === 0) return <p className="details__empty">None</p>;
  const config = uiConfig();
  const sorted = orderAttributes(attributes, config.topTagPrefixes);
  const linksOf = (a: Attribute) =>
    links && config.linkPatterns.length > 0
      ? attributeLinks(config.linkPatterns, links.target, a, attributes, links.scope)
      : [];
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
              <PatternLinks links={linksOf(a)} sameTab={config.forbidNewPage} />
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
