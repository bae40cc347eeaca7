/**
 * Every all-in-one setting with its four names (Config key, YAML key; the flag and the
 * TRACELENS_* variable derive from the YAML key), the kind of value it takes and its help line.
 */
import type { Config } from './config';

export type Kind =
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

export interface Setting {
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
