import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, helpText, loadConfig, settings } from './config';

const dir = mkdtempSync(join(tmpdir(), 'tracelens-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfig', () => {
  it('uses Jaeger’s ports and a loopback listener by default', () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({
      listenHost: '127.0.0.1',
      queryPort: 16686,
      otlpHttpPort: 4318,
      otlpGrpcPort: 4317,
      zipkinPort: 9411,
      samplingPort: 5778,
      maxTraces: 100_000,
      storage: 'memory',
      demo: true,
    });
  });

  it('layers the YAML file, then the environment, then flags', () => {
    const yaml = file(
      'layers.yaml',
      'query_port: 17000\notlp_http_port: 17001\nmax_traces: 50\nbase_path: /jaeger/\n',
    );
    const { config } = loadConfig(['--config', yaml, '--otlp-http-port=18001', '--no-demo'], {
      TRACELENS_MAX_TRACES: '60',
      TRACELENS_QUERY_PORT: '17500',
    });
    expect(config.queryPort).toBe(17500);
    expect(config.otlpHttpPort).toBe(18001);
    expect(config.maxTraces).toBe(60);
    expect(config.basePath).toBe('/jaeger');
    expect(config.demo).toBe(false);
  });

  it('gives every setting a flag, a YAML key and an environment variable', () => {
    for (const s of settings) {
      const flag = `--${s.yaml.replace(/_/g, '-')}`;
      expect(helpText()).toContain(flag);
      expect(helpText()).toContain(`TRACELENS_${s.yaml.toUpperCase()}`);
    }
    expect(loadConfig(['--help'], {}).help).toBe(true);
  });

  it.each([
    [['--query-port', 'abc'], /option --query-port \(query_port\): expected a port number/],
    [['--query-port', '70000'], /query_port/],
    [['--max-traces', '0'], /option --max-traces \(max_traces\): expected a whole number greater than 0/],
    [['--storage', 'cassandra'], /unknown storage "cassandra"; supported: memory/],
    [['--base-path', 'jaeger'], /base_path\): must start with \//],
    [['--base-path', '/a/../b'], /base_path/],
    [['--bogus'], /unknown option "--bogus"/],
    [['--query-port'], /--query-port: expected a value/],
  ])('rejects %j with a message naming the setting', (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(message);
  });

  it('names the environment variable or the file that holds a bad value', () => {
    expect(() => loadConfig([], { TRACELENS_OTLP_GRPC_PORT: '-1' })).toThrow(
      /environment variable TRACELENS_OTLP_GRPC_PORT \(otlp_grpc_port\)/,
    );
    const bad = file('bad.yaml', 'query_port: 16686\nquery_prot: 1\n');
    expect(() => loadConfig(['--config', bad], {})).toThrow(/unknown setting "query_prot"/);
    const broken = file('broken.yaml', 'query_port: [1,\n');
    expect(() => loadConfig(['--config', broken], {})).toThrow(/config file .*broken.yaml/);
    expect(() => loadConfig(['--config', join(dir, 'missing.yaml')], {})).toThrow(/missing.yaml/);
  });

  it('does not change the defaults object', () => {
    loadConfig(['--query-port', '1'], {});
    expect(defaultConfig.queryPort).toBe(16686);
  });
});

describe('metrics settings', () => {
  it('defaults to the embedded backend and validates the Prometheus ones', () => {
    expect(loadConfig([], {}).config.metricsBackend).toBe('embedded');
    const { config } = loadConfig(
      ['--metrics-backend', 'prometheus', '--prometheus-url', 'http://127.0.0.1:9090/'],
      {},
    );
    expect(config).toMatchObject({ metricsBackend: 'prometheus', prometheusUrl: 'http://127.0.0.1:9090' });
    expect(() => loadConfig(['--metrics-backend', 'graphite'], {})).toThrow(
      /unknown metrics backend "graphite"; supported: embedded, prometheus, none/,
    );
    expect(() => loadConfig(['--prometheus-url', 'localhost:9090'], {})).toThrow(
      /prometheus_url\): expected an http\(s\) URL/,
    );
    expect(() => loadConfig(['--prometheus-latency-unit', 'us'], {})).toThrow(/expected ms or s/);
  });
});
