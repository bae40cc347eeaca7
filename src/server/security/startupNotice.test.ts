import { describe, expect, it } from 'vitest';
import { isLoopbackHost, securityNotice } from './startupNotice';

describe('securityNotice', () => {
  it('tells a loopback server how to open up, without warnings', () => {
    expect(securityNotice({ listenHost: '127.0.0.1', queryToken: '', ingestToken: '' })).toEqual({
      info: [
        'Listening on 127.0.0.1 only; use --listen-host 0.0.0.0 to accept other machines.',
        'The UI and query API answer to localhost and IP addresses only (DNS-rebinding protection); add other names with --allowed-hosts.',
      ],
      warnings: [],
    });
  });

  it('warns when every interface is open without tokens, and names what is still open', () => {
    expect(securityNotice({ listenHost: '0.0.0.0', queryToken: '', ingestToken: '' }).warnings).toEqual([
      'Warning: listening on all interfaces (0.0.0.0) without authentication: anyone who can connect can read every trace (set query_token); anyone can send spans (set ingest_token).',
    ]);
    expect(securityNotice({ listenHost: '10.0.0.5', queryToken: 'q', ingestToken: '' })).toEqual({
      info: ['Query API and /metrics: bearer token required (query_token).'],
      warnings: [
        'Warning: listening on 10.0.0.5 (reachable from other machines): anyone can send spans (set ingest_token).',
      ],
    });
  });

  it('is quiet about an exposed server whose endpoints all need tokens', () => {
    const notice = securityNotice({ listenHost: '::', queryToken: 'q', ingestToken: 'i' });
    expect(notice.warnings).toEqual([]);
    expect(notice.info.at(-1)).toBe(
      'Listening on all interfaces (::); the query API and the receivers require their tokens.',
    );
  });

  it('knows the loopback names', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.2', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
