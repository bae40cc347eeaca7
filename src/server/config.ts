/**
 * All-in-one configuration: defaults, then the YAML file, then TRACELENS_* environment
 * variables, then command-line flags. Every setting has all four names; a bad value stops
 * startup with a message that names the setting and where it came from.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { settings, type Setting } from './configSettings';
import { coerce, ConfigError } from './configValues';

export { settings } from './configSettings';
export { ConfigError } from './configValues';

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

const flagName = (s: Setting) => `--${s.yaml.replace(/_/g, '-')}`;
const envName = (s: Setting) => `TRACELENS_${s.yaml.toUpperCase()}`;

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
