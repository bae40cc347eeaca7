/**
 * Turning a setting's raw value (YAML, environment or flag text) into its typed Config value,
 * with an error that names the setting and where the value came from.
 */
import { DurationError, parseGoDuration } from '../core/time/goDuration';
import type { Config } from './config';
import type { Setting } from './configSettings';
import { parseAllowedHost } from './security/hostCheck';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function coerce(s: Setting, value: unknown, source: string): Config[keyof Config] {
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
