/**
 * DNS-rebinding protection. A page on `http://evil.example:16686` whose name the attacker points
 * at 127.0.0.1 is same-origin with a Tracelens on this machine as far as the browser knows, so
 * CORS does not stop it from reading traces. What gives it away is the Host header: it names
 * the attacker's domain. A server listening on loopback therefore answers only requests that
 * name it by a loopback name or an IP address (a rebinding attack always uses a domain name),
 * or by a name listed in `allowed_hosts`. With a list, the same check applies on any address.
 */
import { isLoopbackHost } from './startupNotice';

export const ALLOWED_HOSTS_SETTING = 'allowed_hosts (--allowed-hosts, TRACELENS_ALLOWED_HOSTS)';

/** The host name of a Host header: lower case, no port, no brackets, no trailing dot; null if unusable. */
export function hostOfHeader(header: string | undefined): string | null {
  if (header === undefined) return null;
  const value = header.trim().toLowerCase();
  const name = value.startsWith('[')
    ? /^\[([0-9a-f:.]+)\](:\d+)?$/.exec(value)?.[1]
    : /^([^:\s/@]+)(:\d+)?$/.exec(value)?.[1];
  if (!name) return null;
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isIpAddress(name: string): boolean {
  return IPV4.test(name) || name.includes(':');
}

/** `localhost` and its subdomains (RFC 6761: browsers resolve them to loopback themselves). */
function isLoopbackName(name: string): boolean {
  return isLoopbackHost(name) || name.endsWith('.localhost');
}

/** One `allowed_hosts` entry: an exact name, `.example.com` (it and its subdomains), or `*`. */
function matches(entry: string, name: string): boolean {
  if (entry === '*') return true;
  if (entry.startsWith('.')) return name === entry.slice(1) || name.endsWith(entry);
  return name === entry;
}

/** Checks a Host header: null when the request may proceed, else what to tell the client. */
export type HostCheck = (hostHeader: string | undefined) => string | null;

/**
 * The check for a listener, or null when there is nothing to check: not on loopback and no
 * list, or a list holding `*`.
 */
export function createHostCheck(listenHost: string, allowedHosts: readonly string[]): HostCheck | null {
  if (allowedHosts.includes('*')) return null;
  const loopback = isLoopbackHost(listenHost);
  if (!loopback && allowedHosts.length === 0) return null;
  return (header) => {
    const name = hostOfHeader(header);
    if (name !== null && (isIpAddress(name) || isLoopbackName(name))) return null;
    if (name !== null && allowedHosts.some((entry) => matches(entry, name))) return null;
    const named =
      name === null ? 'a request without a valid Host header' : `the host name ${JSON.stringify(name)}`;
    const why = loopback
      ? `Tracelens listens on ${listenHost} and answers only to localhost, IP addresses and the names in ${ALLOWED_HOSTS_SETTING}`
      : `Tracelens answers only to IP addresses, localhost and the names in ${ALLOWED_HOSTS_SETTING}`;
    return `Refused ${named}: ${why} (protection against DNS rebinding). If you reach this server through a proxy or a DNS name of your own, add that name to allowed_hosts.`;
  };
}

/** An `allowed_hosts` entry, normalised, or null when it is not a host name, `.domain` or `*`. */
export function parseAllowedHost(raw: string): string | null {
  const entry = raw.trim().toLowerCase().replace(/\.$/, '');
  if (entry === '*') return entry;
  return /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(entry)
    ? entry
    : null;
}
