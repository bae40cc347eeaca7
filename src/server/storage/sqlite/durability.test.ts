/**
 * Durability of the SQLite store, end to end: the real `tracelens` command under steady OTLP
 * ingest is killed with SIGKILL mid-stream and started again on the same file. Every span of a
 * batch that got a 2xx must be found through the query API, every batch must be stored whole or
 * not at all, and SQLite's integrity check must pass.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from './testing';

const cli = fileURLToPath(new URL('../../../../bin/tracelens.mjs', import.meta.url));
const tempFile = useTempFiles();

const SENDERS = 4;
const TRACES_PER_BATCH = 5;
const SPANS_PER_TRACE = 4;
/** Acknowledged batches to wait for before the kill. */
const ACKED_BEFORE_KILL = 120;

interface Server {
  child: ChildProcess;
  query: string;
  otlp: string;
  exited: Promise<number | null>;
}

async function startServer(path: string): Promise<Server> {
  const args = ['--storage', 'sqlite', '--sqlite-path', path, '--no-demo', '--max-traces', '1000000'];
  for (const port of ['query', 'otlp-http', 'otlp-grpc', 'zipkin', 'sampling'])
    args.push(`--${port}-port`, '0');
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const urls = await new Promise<{ query: string; otlp: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tracelens did not start:\n${log}`)), 15_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const query = /UI and query API\s+(\S+?)\/?\s/.exec(log)?.[1];
      const otlp = /OTLP\/HTTP\s+(\S+)\/v1\/traces/.exec(log)?.[1];
      if (query && otlp) {
        clearTimeout(timer);
        resolve({ query, otlp });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`tracelens exited with ${code}:\n${log}`)));
  });
  return { child, exited, ...urls };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

interface Batch {
  /** trace ID → span IDs */
  spans: Map<string, string[]>;
  acked: boolean;
}

function makeBatch(sender: number, seq: number): { batch: Batch; body: string } {
  const spans = new Map<string, string[]>();
  const otlpSpans: unknown[] = [];
  const startNs = BigInt(Date.now()) * 1_000_000n;
  const addSpan = (traceId: string, spanId: string) => {
    const list = spans.get(traceId) ?? [];
    list.push(spanId);
    spans.set(traceId, list);
    otlpSpans.push({
      traceId,
      spanId,
      name: 'work',
      kind: 2,
      startTimeUnixNano: startNs.toString(),
      endTimeUnixNano: (startNs + 1_000_000n).toString(),
      attributes: [{ key: 'batch', value: { stringValue: `${sender}-${seq}` } }],
    });
  };
  for (let t = 0; t < TRACES_PER_BATCH; t++) {
    const traceId = `d0${hex(sender, 6)}${hex(seq, 16)}${hex(t, 8)}`;
    for (let s = 0; s < SPANS_PER_TRACE; s++) addSpan(traceId, hex(seq * 64 + t * 8 + s + 1, 16));
  }
  // One long-lived trace per sender grows by a span in every batch: the merge path under a crash.
  addSpan(`e0${hex(sender, 30)}`, hex(seq + 1, 16));
  const body = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: `sender-${sender}` } }] },
        scopeSpans: [{ spans: otlpSpans }],
      },
    ],
  });
  return { batch: { spans, acked: false }, body };
}

/** Sends batches back to back until told to stop; a batch counts as acknowledged on a 2xx. */
async function sendSteadily(
  server: Server,
  sender: number,
  sent: Batch[],
  stop: () => boolean,
): Promise<void> {
  for (let seq = 0; !stop(); seq++) {
    const { batch, body } = makeBatch(sender, seq);
    sent.push(batch);
    try {
      const res = await fetch(`${server.otlp}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      batch.acked = res.ok;
    } catch {
      return; // the server is gone
    }
  }
}

/** Span IDs per trace as the query API returns them (multi-get, 50 IDs per request). */
async function storedSpans(server: Server, traceIds: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  for (let i = 0; i < traceIds.length; i += 50) {
    const params = traceIds
      .slice(i, i + 50)
      .map((id) => `traceID=${id}`)
      .join('&');
    const res = await fetch(`${server.query}/api/traces?${params}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { traceID: string; spans: { spanID: string }[] }[] };
    for (const trace of body.data) found.set(trace.traceID, new Set(trace.spans.map((s) => s.spanID)));
  }
  return found;
}

describe('sqlite durability', () => {
  it(
    'finds every acknowledged span after a SIGKILL mid-ingest, and nothing corrupt',
    { timeout: 30_000 },
    async () => {
      const path = tempFile();
      const first = await startServer(path);
      const sent: Batch[] = [];
      let killed = false;
      const senders = Array.from({ length: SENDERS }, (_, s) => sendSteadily(first, s, sent, () => killed));
      while (sent.filter((b) => b.acked).length < ACKED_BEFORE_KILL) {
        await new Promise((r) => setTimeout(r, 5));
      }
      first.child.kill('SIGKILL');
      killed = true;
      expect(await first.exited).toBeNull();
      await Promise.all(senders);

      const acked = sent.filter((b) => b.acked);
      expect(acked.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);
      const second = await startServer(path);
      try {
        const traceIds = [...new Set(sent.flatMap((b) => [...b.spans.keys()]))];
        const stored = await storedSpans(second, traceIds);
        const missing: string[] = [];
        const partial: string[] = [];
        for (const batch of sent) {
          let present = 0;
          let total = 0;
          for (const [traceId, spanIds] of batch.spans) {
            for (const spanId of spanIds) {
              total++;
              if (stored.get(traceId)?.has(spanId)) present++;
              else if (batch.acked) missing.push(`${traceId}/${spanId}`);
            }
          }
          if (present !== 0 && present !== total) partial.push(`${present} of ${total}`);
        }
        expect(missing).toEqual([]);
        expect(partial).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      }

      const db = new Database(path);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        // FTS5's own check of the term index.
        expect(() =>
          db.exec("INSERT INTO chunk_terms (chunk_terms) VALUES ('integrity-check')"),
        ).not.toThrow();
      } finally {
        db.close();
      }
    },
  );
});
