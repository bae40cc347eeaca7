/** The security and limit settings through every configuration layer, and their errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';

const yamlFile = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tracelens-security-')), 'config.yaml');
  writeFileSync(path, text);
  return path;
};

describe('security and limit settings', () => {
  it('defaults: no tokens, CORS closed, frames from the same origin, bounded requests', () => {
    expect(loadConfig([], {}).config).toMatchObject({
      queryToken: '',
      ingestToken: '',
      queryCorsAllowedOrigins: [],
      ingestCorsAllowedOrigins: [],
      frameAncestors: "'self'",
      allowedHosts: [],
      maxSpansPerRequest: 50_000,
      maxAttributesPerSpan: 1024,
      maxAttributeValueLength: 65_536,
      maxFutureSkew: 86_400_000,
      requestTimeout: 60_000,
    });
  });

  it('reads tokens and origins from YAML (lists), the environment and flags (comma-separated)', () => {
    const file = yamlFile(
      [
        'query_token: from-yaml',
        'ingest_cors_allowed_origins: [https://Shop.example.com/, "http://localhost:3000"]',
        'frame_ancestors: "\'self\' https://grafana.example.com"',
        'max_future_skew: 2h',
        'request_timeout: 0',
        'allowed_hosts: [Tracing.Example.com, .corp.example]',
      ].join('\n'),
    );
    const { config } = loadConfig(
      [
        '--config',
        file,
        '--query-cors-allowed-origins',
        'https://a.example, https://b.example:8443',
        '--max-spans-per-request=0',
      ],
      { TRACELENS_INGEST_TOKEN: 'from-env', TRACELENS_MAX_ATTRIBUTE_VALUE_LENGTH: '4096' },
    );
    expect(config).toMatchObject({
      queryToken: 'from-yaml',
      ingestToken: 'from-env',
      ingestCorsAllowedOrigins: ['https://shop.example.com', 'http://localhost:3000'],
      queryCorsAllowedOrigins: ['https://a.example', 'https://b.example:8443'],
      frameAncestors: "'self' https://grafana.example.com",
      maxFutureSkew: 7_200_000,
      requestTimeout: 0,
      maxSpansPerRequest: 0,
      maxAttributeValueLength: 4096,
      allowedHosts: ['tracing.example.com', '.corp.example'],
    });
    expect(loadConfig([], { TRACELENS_ALLOWED_HOSTS: 'a.example, b.example' }).config.allowedHosts).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(loadConfig(['--allowed-hosts', '*'], {}).config.allowedHosts).toEqual(['*']);
  });

  it.each([
    [
      ['--query-token', 'has space'],
      'option --query-token (query_token): expected a token of printable ASCII',
    ],
    [
      ['--query-cors-allowed-origins', 'https://a.example/path'],
      'option --query-cors-allowed-origins (query_cors_allowed_origins): "https://a.example/path" is not an origin',
    ],
    [
      ['--frame-ancestors', "'none' 'self'"],
      'option --frame-ancestors (frame_ancestors): expected CSP frame-ancestors sources',
    ],
    [['--frame-ancestors', 'https://a; script-src *'], 'option --frame-ancestors (frame_ancestors):'],
    [
      ['--max-attributes-per-span', '-1'],
      'option --max-attributes-per-span (max_attributes_per_span): expected a whole number, 0 for no limit',
    ],
    [['--request-timeout', 'soon'], 'option --request-timeout (request_timeout): expected a duration'],
    [
      ['--allowed-hosts', 'https://tracing.example.com'],
      'option --allowed-hosts (allowed_hosts): "https://tracing.example.com" is not a host name',
    ],
  ])('refuses %j naming the setting', (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(ConfigError);
    expect(() => loadConfig(argv, {})).toThrow(message);
  });
});
