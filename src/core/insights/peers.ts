/** Who a call talks to, in the words its attributes use: `mysql customers`, `redis`, `route`. */
import { SpanKind } from '../model/trace';
import type { InsightContext } from './insightContext';
import { templateOf } from './normalize';

const PEER_KEYS = ['peer.service', 'server.address', 'net.peer.name', 'rpc.service'] as const;
const DB_SYSTEM_KEYS = ['db.system.name', 'db.system'] as const;
const DB_NAME_KEYS = ['db.namespace', 'db.name'] as const;

export function peerOf(ctx: InsightContext, row: number): string {
  const system = ctx.text(row, DB_SYSTEM_KEYS);
  if (system) {
    const database = ctx.text(row, DB_NAME_KEYS);
    return database ? `${system} ${database}` : system;
  }
  // A server's server.address is its own name: only callers name a peer.
  const kind = ctx.index.kind[row];
  return kind === SpanKind.Server || kind === SpanKind.Consumer ? '' : ctx.text(row, PEER_KEYS);
}

/**
 * `HTTP GET /route calls to route`, or `SQL SELECT calls` when the peer is unknown. Calls whose
 * names differ in parameters are named by their template: `GET /items/? calls`.
 */
export function callsTo(ctx: InsightContext, rows: readonly number[]): string {
  const row = rows[0];
  const peer = peerOf(ctx, row);
  const op = ctx.index.operation[row];
  const name = rows.every((r) => ctx.index.operation[r] === op)
    ? ctx.operationName(row)
    : templateOf(ctx.operationName(row));
  const calls = `${name} ${rows.length === 1 ? 'call' : 'calls'}`;
  return peer ? `${calls} to ${peer}` : calls;
}
