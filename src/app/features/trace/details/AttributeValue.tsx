import { useMemo } from 'react';
import type { AttributeValue as Value } from '../../../../core/model/attributes';
import { attributeValueToPlain, attributeValueToString } from '../../../../core/model/attributes';
import { prettyJson } from './attributeFormat';
import { LongText } from './LongText';

export function AttributeValue({ value }: { value: Value }) {
  const rendered = useMemo(() => {
    switch (value.type) {
      case 'array':
      case 'map':
        return { json: JSON.stringify(attributeValueToPlain(value), null, 2) };
      case 'string': {
        const json = prettyJson(value.value);
        return json ? { json } : { text: value.value };
      }
      case 'binary':
        return {
          text: value.value,
          note: `${Math.floor((value.value.replace(/=+$/, '').length * 3) / 4)} bytes, base64`,
        };
      case 'empty':
        return { text: '', note: 'empty' };
      default:
        return { text: attributeValueToString(value) };
    }
  }, [value]);

  if ('json' in rendered && rendered.json !== undefined) {
    return (
      <pre className="attr-value attr-value--json">
        <LongText text={rendered.json} />
      </pre>
    );
  }
  return (
    <span className={`attr-value attr-value--${value.type}`}>
      <LongText text={rendered.text ?? ''} />
      {rendered.note && <span className="attr-value__note"> ({rendered.note})</span>}
    </span>
  );
}
