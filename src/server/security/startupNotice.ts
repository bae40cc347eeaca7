/** The start-up lines that say who can reach the server and what protects it. */
import type { Config } from '../config';

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

type Access = Pick<Config, 'listenHost' | 'queryToken' | 'ingestToken'>;

export function securityNotice(config: Access): { info: string[]; warnings: string[] } {
  const host = config.listenHost;
  const info: string[] = [];
  const warnings: string[] = [];
  if (config.queryToken) info.push('Query API and /metrics: bearer token required (query_token).');
  if (config.ingestToken) info.push('OTLP and Zipkin receivers: bearer token required (ingest_token).');
  if (isLoopbackHost(host)) {
    info.push(`Listening on ${host} only; use --listen-host 0.0.0.0 to accept other machines.`);
    info.push(
      'The UI and query API answer to localhost and IP addresses only (DNS-rebinding protection); add other names with --allowed-hosts.',
    );
    return { info, warnings };
  }
  const where =
    host === '0.0.0.0' || host === '::'
      ? `all interfaces (${host})`
      : `${host} (reachable from other machines)`;
  const open = [
    config.queryToken ? '' : 'anyone who can connect can read every trace (set query_token)',
    config.ingestToken ? '' : 'anyone can send spans (set ingest_token)',
  ].filter(Boolean);
  if (open.length === 2)
    warnings.push(`Warning: listening on ${where} without authentication: ${open.join('; ')}.`);
  else if (open.length === 1) warnings.push(`Warning: listening on ${where}: ${open[0]}.`);
  else info.push(`Listening on ${where}; the query API and the receivers require their tokens.`);
  return { info, warnings };
}
