import { describe, expect, it } from 'vitest';
import { createHostCheck, hostOfHeader, parseAllowedHost } from './hostCheck';

describe('the Host header', () => {
  it.each([
    ['localhost:16686', 'localhost'],
    ['LocalHost', 'localhost'],
    ['127.0.0.1:16686', '127.0.0.1'],
    ['[::1]:16686', '::1'],
    ['[::1]', '::1'],
    ['tracing.example.com.', 'tracing.example.com'],
    ['', null],
    ['a b', null],
    ['user@evil.example', null],
    ['[::1', null],
    ['host:port', null],
  ])('%j names %j', (header, name) => {
    expect(hostOfHeader(header)).toBe(name);
  });

  it('is null when missing', () => {
    expect(hostOfHeader(undefined)).toBeNull();
  });
});

describe('DNS-rebinding check', () => {
  const onLoopback = createHostCheck('127.0.0.1', []);

  it('on loopback, answers to loopback names and IP addresses only', () => {
    if (!onLoopback) throw new Error('expected a check on loopback');
    for (const host of [
      'localhost:16686',
      'app.localhost',
      '127.0.0.1:16686',
      '[::1]:80',
      '10.0.0.7:16686',
    ]) {
      expect(onLoopback(host)).toBeNull();
    }
    expect(onLoopback('evil.example:16686')).toMatch(
      /^Refused the host name "evil.example": Tracelens listens on 127.0.0.1 and answers only to localhost, IP addresses and the names in allowed_hosts \(--allowed-hosts, TRACELENS_ALLOWED_HOSTS\)/,
    );
    // A domain that merely resolves to loopback is exactly what a rebinding attack looks like.
    expect(onLoopback('127.0.0.1.nip.io')).not.toBeNull();
    expect(onLoopback('localhost.evil.example')).not.toBeNull();
    expect(onLoopback(undefined)).toMatch(/without a valid Host header/);
  });

  it('adds the names of allowed_hosts, exact or by domain', () => {
    const check = createHostCheck('localhost', ['tracing.internal', '.example.com']);
    if (!check) throw new Error('expected a check');
    expect(check('tracing.internal:8080')).toBeNull();
    expect(check('example.com')).toBeNull();
    expect(check('a.b.example.com')).toBeNull();
    expect(check('tracing.internal.evil')).not.toBeNull();
    expect(check('notexample.com')).not.toBeNull();
  });

  it('off on other addresses without a list, and with *', () => {
    expect(createHostCheck('0.0.0.0', [])).toBeNull();
    expect(createHostCheck('127.0.0.1', ['*'])).toBeNull();
  });

  it('on other addresses, a list turns it on', () => {
    const check = createHostCheck('0.0.0.0', ['tracing.example.com']);
    if (!check) throw new Error('expected a check');
    expect(check('tracing.example.com')).toBeNull();
    expect(check('192.168.1.4:16686')).toBeNull();
    expect(check('other.example.com')).toMatch(/answers only to IP addresses, localhost and the names/);
  });
});

describe('allowed_hosts entries', () => {
  it.each([
    ['Tracing.Example.com', 'tracing.example.com'],
    ['.example.com', '.example.com'],
    ['*', '*'],
    ['host_1', 'host_1'],
    ['https://tracing.example.com', null],
    ['tracing.example.com:8080', null],
    ['a/b', null],
    ['-bad', null],
    ['*.example.com', null],
  ])('%j → %j', (raw, entry) => {
    expect(parseAllowedHost(raw)).toBe(entry);
  });
});
