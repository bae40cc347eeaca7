/**
 * Generates the benchmark's trace (src/core/testing/syntheticTrace.ts: ~20 services, ~100
 * operations, depth up to 12, batch parents with thousands of children, 3–8 attributes, events
 * on ~10% of spans, ~1% errors) and either writes it as the query API's Jaeger JSON response or
 * posts it to an OTLP/HTTP endpoint in collector-sized batches. Run as its own process (the
 * browser benchmark spawns it with a large heap: a million spans take a few GB to generate).
 *
 *   tsx bench/browser/generateTrace.ts <spans> --jaeger-file <path>
 *   tsx bench/browser/generateTrace.ts <spans> --post <otlp-http-base-url>
 *
 * Prints the trace ID on the last line of its output.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import type { JaegerProcess } from '../../src/core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../src/core/jaeger/toJaegerJson';
import { jaegerTraceId } from '../../src/core/model/ids';
import { spansToOtlpJson } from '../../src/core/otlp/toOtlpJson';
import { syntheticTrace } from '../../src/core/testing/syntheticTrace';

const SEED = 42;
/** Spans per slice: bounded memory while converting, and a collector-like batch when posting. */
const SLICE = 10_000;

async function writeJaegerFile(
  spans: ReturnType<typeof syntheticTrace>['spans'],
  traceId: string,
  path: string,
) {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  // Process IDs are assigned per slice by toJaegerTrace; one table for the whole trace, by content.
  const processIds = new Map<string, string>();
  const processes: Record<string, JaegerProcess> = {};
  await write(`{"data":[{"traceID":"${jaegerTraceId(traceId)}","spans":[`);
  for (let from = 0; from < spans.length; from += SLICE) {
    const slice = toJaegerTrace(spans.slice(from, from + SLICE));
    const parts: string[] = [];
    for (const span of slice.spans) {
      const process = slice.processes[span.processID ?? ''];
      const key = JSON.stringify(process);
      let id = processIds.get(key);
      if (!id) {
        id = `p${processIds.size + 1}`;
        processIds.set(key, id);
        processes[id] = process;
      }
      parts.push(JSON.stringify({ ...span, processID: id }));
    }
    await write((from === 0 ? '' : ',') + parts.join(','));
  }
  await write(
    `],"processes":${JSON.stringify(processes)},"warnings":null}],"total":0,"limit":0,"offset":0,"errors":null}`,
  );
  out.end();
  await once(out, 'finish');
}

/**
 * One OTLP/JSON batch on a connection of its own: a kept-alive connection can be closed by the
 * server (its keep-alive timeout) just as the next batch starts on it, which fails that batch.
 */
function postBatch(url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`OTLP batch refused: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function post(spans: ReturnType<typeof syntheticTrace>['spans'], otlpBase: string) {
  const url = new URL(`${otlpBase}/v1/traces`);
  for (let from = 0; from < spans.length; from += SLICE) {
    await postBatch(url, JSON.stringify(spansToOtlpJson(spans.slice(from, from + SLICE))));
  }
}

async function main() {
  const [count, mode, target] = process.argv.slice(2);
  const spanCount = Number(count);
  if (
    !Number.isInteger(spanCount) ||
    spanCount < 1 ||
    !target ||
    !['--jaeger-file', '--post'].includes(mode)
  ) {
    throw new Error('usage: generateTrace.ts <spans> (--jaeger-file <path> | --post <otlp-http-base-url>)');
  }
  const trace = syntheticTrace(spanCount, SEED);
  if (mode === '--post') await post(trace.spans, target);
  else await writeJaegerFile(trace.spans, trace.traceId, target);
  console.log(trace.traceId);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
