/**
 * All-in-one configuration: defaults, then the YAML file, then TRACELENS_* environment
 * variables, then command-line flags. Every setting has all four names; a bad value stops
 * startup with a message that names the setting and where it came from.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DurationError, parseGoDuration } from '../core/time/goDuration';
import { parseAllowedHost } from './security/hostCheck';

export interface Config {
  listenHost: string;
  queryPort: number;
  otlpHttpPort: number;
  otlpGrpcPort: number;
  zipkinPort: number;
  samplingPort: number;
  basePath: string;
  maxTraces: number;
  storage: 'memory' | 'sqlite';
  /** Database file of the sqlite storage. */
  sqlitePath: string;
  /** Milliseconds the sqlite storage keeps a trace after receiving it; 0 = no age limit. */
  sqliteRetention: number;
  /** Bytes the sqlite database is kept under by removing the oldest traces; 0 = no limit. */
  sqliteMaxBytes: number;
  uiConfig: string;
  demo: boolean;
  maxRequestBytes: number;
  uiDir: string;
  metricsBackend: 'embedded' | 'prometheus' | 'none';
  prometheusUrl: string;
  prometheusMetricNamespace: string;
  prometheusLatencyUnit: 'ms' | 's';
  prometheusNormalizeCalls: boolean;
  prometheusNormalizeDuration: boolean;
  metricsMaxSeries: number;
  samplingStrategiesFile: string;
  samplingDefaultProbability: number;
  /** Milliseconds between checks of the strategies file; 0 turns reloading off. */
  samplingReloadInterval: number;
  /** Bearer token of the query API and /metrics; '' leaves them open. */
  queryToken: string;
  /** Bearer token of the OTLP and Zipkin receivers; '' leaves them open. */
  ingestToken: string;
  /** Origins allowed to call the query API from a browser; empty closes CORS. */
  queryCorsAllowedOrigins: string[];
  /** Origins allowed to send spans from a browser (OTLP/HTTP, Zipkin); empty closes CORS. */
  ingestCorsAllowedOrigins: string[];
  /** CSP frame-ancestors of the UI: who may embed it in a frame. */
  frameAncestors: string;
  /** Host names the query port answers to besides localhost and IP addresses (DNS-rebinding check). */
  allowedHosts: string[];
  /** Limits of each ingest request; 0 turns a limit off. */
  maxSpansPerRequest: number;
  maxAttributesPerSpan: number;
  maxAttributeValueLength: number;
  /** Milliseconds a span may start or end ahead of the server's clock; 0 turns the check off. */
  maxFutureSkew: number;
  /** Milliseconds a client has to send a whole request; 0 turns the timeout off. */
  requestTimeout: number;
}

type Kind =
  | 'string'
  | 'port'
  | 'positive'
  | 'bool'
  | 'basePath'
  | 'storage'
  | 'bytes'
  | 'metricsBackend'
  | 'latencyUnit'
  | 'url'
  | 'probability'
  | 'duration'
  | 'token'
  | 'origins'
  | 'frameAncestors'
  | 'hosts'
  | 'limit';

interface Setting {
  key: keyof Config;
  yaml: string;
  kind: Kind;
  help: string;
}

export const settings: Setting[] = [
  { key: 'listenHost', yaml: 'listen_host', kind: 'string', help: 'address every listener binds to' },
  { key: 'queryPort', yaml: 'query_port', kind: 'port', help: 'UI and query API (Jaeger: 16686)' },
  { key: 'otlpHttpPort', yaml: 'otlp_http_port', kind: 'port', help: 'OTLP/HTTP receiver' },
  { key: 'otlpGrpcPort', yaml: 'otlp_grpc_port', kind: 'port', help: 'OTLP/gRPC receiver' },
  { key: 'zipkinPort', yaml: 'zipkin_port', kind: 'port', help: 'Zipkin v2 receiver' },
  { key: 'samplingPort', yaml: 'sampling_port', kind: 'port', help: 'remote sampling endpoint' },
  {
    key: 'basePath',
    yaml: 'base_path',
    kind: 'basePath',
    help: 'serve the UI and API under this path, e.g. /jaeger',
  },
  {
    key: 'maxTraces',
    yaml: 'max_traces',
    kind: 'positive',
    help: 'traces kept before the oldest is removed (memory and sqlite storage)',
  },
  {
    key: 'storage',
    yaml: 'storage',
    kind: 'storage',
    help: 'trace storage: memory, or sqlite (persistent, in sqlite_path)',
  },
  {
    key: 'sqlitePath',
    yaml: 'sqlite_path',
    kind: 'string',
    help: 'database file of the sqlite storage, created if missing',
  },
  {
    key: 'sqliteRetention',
    yaml: 'sqlite_retention',
    kind: 'duration',
    help: 'sqlite storage removes traces received longer ago than this (0 = keep), e.g. 72h',
  },
  {
    key: 'sqliteMaxBytes',
    yaml: 'sqlite_max_bytes',
    kind: 'bytes',
    help: 'sqlite storage removes the oldest traces to stay under this size (0 = no limit), e.g. 10GB',
  },
  {
    key: 'uiConfig',
    yaml: 'ui_config',
    kind: 'string',
    help: 'Jaeger UI config file (JSON) given to the UI',
  },
  { key: 'demo', yaml: 'demo', kind: 'bool', help: 'emit the built-in demo traffic' },
  {
    key: 'maxRequestBytes',
    yaml: 'max_request_bytes',
    kind: 'positive',
    help: 'largest accepted request body, bytes',
  },
  { key: 'uiDir', yaml: 'ui_dir', kind: 'string', help: 'directory of the built UI' },
  {
    key: 'metricsBackend',
    yaml: 'metrics_backend',
    kind: 'metricsBackend',
    help: 'span metrics for the Monitor tab: embedded, prometheus or none',
  },
  {
    key: 'prometheusUrl',
    yaml: 'prometheus_url',
    kind: 'url',
    help: 'Prometheus server queried when metrics_backend is prometheus',
  },
  {
    key: 'prometheusMetricNamespace',
    yaml: 'prometheus_metric_namespace',
    kind: 'string',
    help: 'prefix of the spanmetrics series in Prometheus',
  },
  {
    key: 'prometheusLatencyUnit',
    yaml: 'prometheus_latency_unit',
    kind: 'latencyUnit',
    help: 'unit of the duration histogram in Prometheus: ms or s',
  },
  {
    key: 'prometheusNormalizeCalls',
    yaml: 'prometheus_normalize_calls',
    kind: 'bool',
    help: 'calls series end in _total (Jaeger normalize_calls)',
  },
  {
    key: 'prometheusNormalizeDuration',
    yaml: 'prometheus_normalize_duration',
    kind: 'bool',
    help: 'duration series carry their unit (Jaeger normalize_duration)',
  },
  {
    key: 'metricsMaxSeries',
    yaml: 'metrics_max_series',
    kind: 'positive',
    help: 'span-metric series kept by the embedded aggregator',
  },
  {
    key: 'samplingStrategiesFile',
    yaml: 'sampling_strategies_file',
    kind: 'string',
    help: 'Jaeger strategies file (JSON) for remote sampling; edits from the UI are saved to it',
  },
  {
    key: 'samplingDefaultProbability',
    yaml: 'sampling_default_probability',
    kind: 'probability',
    help: 'sampling probability of services without a strategy',
  },
  {
    key: 'samplingReloadInterval',
    yaml: 'sampling_reload_interval',
    kind: 'duration',
    help: 'how often the strategies file is checked for changes (0 = never), e.g. 1s',
  },
  {
    key: 'queryToken',
    yaml: 'query_token',
    kind: 'token',
    help: 'bearer token required by the query API and /metrics (prefer the env var: flags show in ps)',
  },
  {
    key: 'ingestToken',
    yaml: 'ingest_token',
    kind: 'token',
    help: 'bearer token required by the OTLP and Zipkin receivers',
  },
  {
    key: 'queryCorsAllowedOrigins',
    yaml: 'query_cors_allowed_origins',
    kind: 'origins',
    help: 'origins allowed to call the query API from a browser, comma-separated (* = any)',
  },
  {
    key: 'ingestCorsAllowedOrigins',
    yaml: 'ingest_cors_allowed_origins',
    kind: 'origins',
    help: 'origins allowed to send spans from a browser (OTLP/HTTP, Zipkin), comma-separated',
  },
  {
    key: 'frameAncestors',
    yaml: 'frame_ancestors',
    kind: 'frameAncestors',
    help: "who may embed the UI in a frame (CSP frame-ancestors), e.g. 'self' https://grafana.example.com",
  },
  {
    key: 'allowedHosts',
    yaml: 'allowed_hosts',
    kind: 'hosts',
    help: 'host names the UI and query API answer to besides localhost and IPs, comma-separated (.example.com = domain and subdomains, * = any)',
  },
  {
    key: 'maxSpansPerRequest',
    yaml: 'max_spans_per_request',
    kind: 'limit',
    help: 'spans accepted per ingest request; the rest are refused via partial success (0 = no limit)',
  },
  {
    key: 'maxAttributesPerSpan',
    yaml: 'max_attributes_per_span',
    kind: 'limit',
    help: 'attributes kept per span, event, link and resource; the rest are dropped (0 = no limit)',
  },
  {
    key: 'maxAttributeValueLength',
    yaml: 'max_attribute_value_length',
    kind: 'limit',
    help: 'characters kept of each attribute value and name; longer ones are truncated (0 = no limit)',
  },
  {
    key: 'maxFutureSkew',
    yaml: 'max_future_skew',
    kind: 'duration',
    help: 'spans starting or ending further ahead of the server clock are refused (0 = no check)',
  },
  {
    key: 'requestTimeout',
    yaml: 'request_timeout',
    kind: 'duration',
    help: 'time a client has to send a whole HTTP request (0 = none), e.g. 60s',
  },
];

export const defaultConfig: Config = {
  listenHost: '127.0.0.1',
  queryPort: 16686,
  otlpHttpPort: 4318,
  otlpGrpcPort: 4317,
  zipkinPort: 9411,
  samplingPort: 5778,
  basePath: '',
  maxTraces: 100_000,
  storage: 'memory',
  sqlitePath: '',
  // Jaeger's Badger store keeps spans 72 h by default.
  sqliteRetention: 72 * 3600 * 1000,
  sqliteMaxBytes: 0,
  uiConfig: '',
  demo: true,
  maxRequestBytes: 20 * 1024 * 1024,
  uiDir: new URL('../../dist/', import.meta.url).pathname,
  metricsBackend: 'embedded',
  prometheusUrl: 'http://localhost:9090',
  prometheusMetricNamespace: 'traces_span_metrics',
  prometheusLatencyUnit: 'ms',
  prometheusNormalizeCalls: true,
  prometheusNormalizeDuration: true,
  metricsMaxSeries: 10_000,
  samplingStrategiesFile: '',
  samplingDefaultProbability: 1,
  samplingReloadInterval: 1000,
  queryToken: '',
  ingestToken: '',
  queryCorsAllowedOrigins: [],
  ingestCorsAllowedOrigins: [],
  frameAncestors: "'self'",
  allowedHosts: [],
  maxSpansPerRequest: 50_000,
  maxAttributesPerSpan: 1024,
  maxAttributeValueLength: 65_536,
  maxFutureSkew: 24 * 3600 * 1000,
  requestTimeout: 60_000,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const flagName = (s: Setting) => `--${s.yaml.replace(/_/g, '-')}`;
const envName = (s: Setting) => `TRACELENS_${s.yaml.toUpperCase()}`;

function coerce(s: Setting, value: unknown, source: string): Config[keyof Config] {
  const where = `${source} (${s.yaml})`;
  const text = typeof value === 'string' ? value.trim() : value;
  switch (s.kind) {
    case 'string':
      if (typeof text !== 'string')
        throw new ConfigError(`${where}: expected text, got ${JSON.stringify(value)}`);
      return text;
    case 'bool':
      if (typeof text === 'boolean') return text;
      if (text === 'true' || text === '1' || text === 'yes') return true;
      if (text === 'false' || text === '0' || text === 'no') return false;
      throw new ConfigError(`${where}: expected true or false, got ${JSON.stringify(value)}`);
    case 'port': {
      const n = typeof text === 'number' ? text : Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 65535 || text === '') {
        throw new ConfigError(
          `${where}: expected a port number 0–65535 (0 picks a free port), got ${JSON.stringify(value)}`,
        );
      }
      return n;
    }
    case 'positive': {
      const n = typeof text === 'number' ? text : Number(text);
      if (!Number.isSafeInteger(n) || n <= 0 || text === '') {
        throw new ConfigError(
          `${where}: expected a whole number greater than 0, got ${JSON.stringify(value)}`,
        );
      }
      return n;
    }
    case 'storage':
      if (text !== 'memory' && text !== 'sqlite')
        throw new ConfigError(
          `${where}: unknown storage ${JSON.stringify(value)}; supported: memory, sqlite`,
        );
      return text;
    case 'bytes':
      return parseBytes(text, where, value);
    case 'metricsBackend':
      if (text !== 'embedded' && text !== 'prometheus' && text !== 'none') {
        throw new ConfigError(
          `${where}: unknown metrics backend ${JSON.stringify(value)}; supported: embedded, prometheus, none`,
        );
      }
      return text;
    case 'latencyUnit':
      if (text !== 'ms' && text !== 's')
        throw new ConfigError(`${where}: expected ms or s, got ${JSON.stringify(value)}`);
      return text;
    case 'url':
      if (typeof text !== 'string' || !/^https?:\/\/[^/\s]+/.test(text)) {
        throw new ConfigError(`${where}: expected an http(s) URL, got ${JSON.stringify(value)}`);
      }
      return text.replace(/\/+$/, '');
    case 'probability': {
      const n = typeof text === 'number' ? text : Number(text);
      if (text === '' || !Number.isFinite(n) || n < 0 || n > 1) {
        throw new ConfigError(
          `${where}: expected a probability between 0 and 1, got ${JSON.stringify(value)}`,
        );
      }
      return n;
    }
    case 'duration': {
      const n = typeof text === 'number' ? text : Number(text);
      if (text !== '' && Number.isFinite(n) && n >= 0) return n;
      try {
        const ns = parseGoDuration(String(text));
        if (ns >= 0n) return Number(ns / 1_000_000n);
      } catch (err) {
        if (!(err instanceof DurationError)) throw err;
      }
      throw new ConfigError(
        `${where}: expected a duration such as 1s or 500ms, got ${JSON.stringify(value)}`,
      );
    }
    case 'token':
      if (typeof text !== 'string' || !/^[\x21-\x7e]*$/.test(text)) {
        throw new ConfigError(
          `${where}: expected a token of printable ASCII characters without spaces (e.g. from openssl rand -hex 32)`,
        );
      }
      return text;
    case 'origins':
      return parseOrigins(value, where);
    case 'frameAncestors':
      return parseFrameAncestors(text, where);
    case 'hosts':
      return parseAllowedHosts(value, where);
    case 'limit': {
      const n = typeof text === 'number' ? text : Number(text);
      if (!Number.isSafeInteger(n) || n < 0 || text === '') {
        throw new ConfigError(
          `${where}: expected a whole number, 0 for no limit, got ${JSON.stringify(value)}`,
        );
      }
      return n;
    }
    case 'basePath': {
      if (typeof text !== 'string') throw new ConfigError(`${where}: expected a path such as /jaeger`);
      if (text === '' || text === '/') return '';
      if (!text.startsWith('/') || /(^|\/)\.\.?(\/|$)/.test(text) || text.includes('//')) {
        throw new ConfigError(
          `${where}: must start with / and contain no '.', '..' or '//' segments, got ${JSON.stringify(value)}`,
        );
      }
      return text.replace(/\/+$/, '');
    }
  }
}

/** Comma-separated text or a YAML list of origins such as https://app.example.com, or `*`. */
function parseOrigins(value: unknown, where: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
  if (!items) throw new ConfigError(`${where}: expected origins such as https://app.example.com`);
  const origins: string[] = [];
  for (const item of items) {
    const origin = typeof item === 'string' ? item.trim().replace(/\/+$/, '').toLowerCase() : item;
    if (origin === '') continue;
    if (origin !== '*' && (typeof origin !== 'string' || !/^https?:\/\/[^/\s?#]+$/.test(origin))) {
      throw new ConfigError(
        `${where}: ${JSON.stringify(item)} is not an origin; expected scheme://host[:port] (no path) or *`,
      );
    }
    origins.push(origin);
  }
  return origins;
}

/** Comma-separated text or a YAML list of host names, `.domain` suffixes or `*`. */
function parseAllowedHosts(value: unknown, where: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
  if (!items) throw new ConfigError(`${where}: expected host names such as tracing.example.com`);
  const hosts: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() === '') continue;
    const host = typeof item === 'string' ? parseAllowedHost(item) : null;
    if (host === null) {
      throw new ConfigError(
        `${where}: ${JSON.stringify(item)} is not a host name; expected e.g. tracing.example.com, .example.com or * (no scheme, port or path)`,
      );
    }
    hosts.push(host);
  }
  return hosts;
}

/** CSP frame-ancestors sources: 'self', 'none', *, a scheme such as https: or a host source. */
function parseFrameAncestors(value: unknown, where: string): string {
  const sources = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
  const ok = (s: string) =>
    s === "'self'" ||
    s === '*' ||
    /^[a-z][a-z0-9+.-]*:$/i.test(s) ||
    /^([a-z][a-z0-9+.-]*:\/\/)?[^\s;,'"]+$/i.test(s);
  const bad = sources.find((s) => !ok(s) && s !== "'none'");
  if (sources.length === 0 || bad !== undefined || (sources.includes("'none'") && sources.length > 1)) {
    throw new ConfigError(
      `${where}: expected CSP frame-ancestors sources such as 'self' https://grafana.example.com, or 'none' alone${bad === undefined ? '' : `; ${JSON.stringify(bad)} is not one`}`,
    );
  }
  return sources.join(' ');
}

const BYTE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** A size in bytes: a number, or one with a unit such as 500MB or 2GiB (case-insensitive). */
function parseBytes(text: unknown, where: string, value: unknown): number {
  const match =
    typeof text === 'number' ? ['', String(text), ''] : /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(String(text));
  const unit = match ? BYTE_UNITS[match[2].toLowerCase()] : undefined;
  const n = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ConfigError(
      `${where}: expected a size such as 500MB or 2GiB (0 = no limit), got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function assign(config: Config, s: Setting, value: unknown, source: string): void {
  (config as unknown as Record<string, unknown>)[s.key] = coerce(s, value, source);
}

export interface ParsedArgs {
  config: Config;
  help: boolean;
}

/** Resolves the configuration from argv (without `node script`), the environment and the files they name. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const config: Config = { ...defaultConfig };
  const flags = new Map<Setting, string | boolean>();
  let configFile = env.TRACELENS_CONFIG ?? '';
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (name === '--config') {
      configFile = inline ?? argv[++i] ?? '';
      if (!configFile) throw new ConfigError('--config: expected a file name');
      continue;
    }
    const negated = name.startsWith('--no-')
      ? settings.find((s) => s.kind === 'bool' && flagName(s) === `--${name.slice(5)}`)
      : undefined;
    if (negated) {
      flags.set(negated, false);
      continue;
    }
    const s = settings.find((x) => flagName(x) === name);
    if (!s)
      throw new ConfigError(`unknown option ${JSON.stringify(arg)}; run with --help to see the options`);
    if (s.kind === 'bool' && inline === undefined) {
      flags.set(s, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${name}: expected a value`);
    flags.set(s, value);
  }

  if (configFile) applyYaml(config, configFile);
  for (const s of settings) {
    const v = env[envName(s)];
    if (v !== undefined && v !== '') assign(config, s, v, `environment variable ${envName(s)}`);
  }
  for (const [s, v] of flags) assign(config, s, v, `option ${flagName(s)}`);
  if (config.storage === 'sqlite' && config.sqlitePath === '' && !help) {
    throw new ConfigError(
      'sqlite_path: storage sqlite needs a database file (--sqlite-path, TRACELENS_SQLITE_PATH or sqlite_path in the config file)',
    );
  }
  return { config, help };
}

function applyYaml(config: Config, file: string): void {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file ${file}: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return;
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigError(`config file ${file}: expected a mapping of settings`);
  for (const [key, value] of Object.entries(doc)) {
    const s = settings.find((x) => x.yaml === key);
    if (!s)
      throw new ConfigError(
        `config file ${file}: unknown setting ${JSON.stringify(key)}; known: ${settings.map((x) => x.yaml).join(', ')}`,
      );
    assign(config, s, value, `config file ${file}`);
  }
}

export function helpText(): string {
  const rows = settings.map((s) => {
    const flag =
      s.kind === 'bool' ? `${flagName(s)} / --no-${flagName(s).slice(2)}` : `${flagName(s)} <value>`;
    return `  ${flag.padEnd(34)} ${s.help} (default ${JSON.stringify(defaultConfig[s.key])}; YAML ${s.yaml}; env ${envName(s)})`;
  });
  return [
    'Usage: tracelens [options]',
    '',
    'Runs the Tracelens all-in-one: UI, Jaeger-compatible query API, OTLP receivers, in-memory or SQLite store.',
    '',
    'Options:',
    '  --config <file>                    YAML file with the settings below (env TRACELENS_CONFIG)',
    ...rows,
    '  --help                             show this help',
    '',
    'Port 0 picks a free port; the startup log prints the real addresses.',
    '',
    'Usage: tracelens demo [--target URL] [--rate N] [--duration D] [--seed S] [--encoding protobuf|json]',
    '  Sends the demo traffic to any OTLP/HTTP endpoint, e.g. a real Jaeger (tracelens demo --help).',
  ].join('\n');
}
