/**
 * All-in-one configuration: defaults, then the YAML file, then TRACELENS_* environment
 * variables, then command-line flags. Every setting has all four names; a bad value stops
 * startup with a message that names the setting and where it came from.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DurationError, parseGoDuration } from '../core/time/goDuration';

export interface Config {
  listenHost: string;
  queryPort: number;
  otlpHttpPort: number;
  otlpGrpcPort: number;
  zipkinPort: number;
  samplingPort: number;
  basePath: string;
  maxTraces: number;
  storage: 'memory';
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
}

type Kind =
  | 'string'
  | 'port'
  | 'positive'
  | 'bool'
  | 'basePath'
  | 'storage'
  | 'metricsBackend'
  | 'latencyUnit'
  | 'url'
  | 'probability'
  | 'duration';

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
    help: 'traces kept in memory before the oldest is evicted',
  },
  { key: 'storage', yaml: 'storage', kind: 'storage', help: 'trace storage: memory' },
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
      if (text !== 'memory')
        throw new ConfigError(`${where}: unknown storage ${JSON.stringify(value)}; supported: memory`);
      return text;
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
    'Runs the Tracelens all-in-one: UI, Jaeger-compatible query API, OTLP receivers, in-memory store.',
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
