/**
 * A scanned synthetic trace (3,000 spans) for tests of find over the response's bytes, whose
 * first spans carry values written with escapes, capitals and non-ASCII.
 */
import type { JaegerKeyValue } from '../../../core/jaeger/jaegerJson';
import { scanJaegerResponse } from '../../../core/jaeger/scanJaegerResponse';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { syntheticTrace } from '../../../core/testing/syntheticTrace';
import { buildTraceIndex } from '../../../core/tree/traceIndex';
import type { SpanByteRanges } from '../byteFind';
import { utf8 } from '../utf8';

const encode = (text: string) => new TextEncoder().encode(text);

export function scannedTrace() {
  const jaeger = toJaegerTrace(syntheticTrace(3_000, 7).spans);
  const tricky: JaegerKeyValue[] = [
    { key: 'note', type: 'string', value: 'Quoted "cust-42" here' },
    { key: 'path', type: 'string', value: 'A/B/Cust-42' },
    { key: 'İnvoice', type: 'string', value: 'KELVIN' },
  ];
  jaeger.spans[0] = { ...jaeger.spans[0], tags: [...(jaeger.spans[0].tags ?? []), tricky[0]] };
  jaeger.spans[1] = { ...jaeger.spans[1], tags: [...(jaeger.spans[1].tags ?? []), tricky[1]] };
  jaeger.spans[2] = { ...jaeger.spans[2], tags: [...(jaeger.spans[2].tags ?? []), tricky[2]] };
  // Escape a slash the way some encoders do, so the bytes read `A\/B`.
  const body = encode(JSON.stringify({ data: [jaeger] }).replace('A/B/Cust-42', 'A\\/B\\/Cust-42'));
  const scanned = scanJaegerResponse(body, utf8);
  if (!scanned) throw new Error('the scan did not read the test trace');
  const index = buildTraceIndex(scanned.trace, scanned);
  const ranges: SpanByteRanges = { bytes: body, ...scanned.spanBytes };
  return { index, ranges };
}
