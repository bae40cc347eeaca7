/**
 * Security headers of the UI's responses. The Content-Security-Policy allows scripts from the
 * server itself and, for the inline scripts of index.html (base-path detection, Jaeger's
 * injected config, the theme), exactly those scripts by their SHA-256 hashes: never
 * 'unsafe-inline' for scripts and never 'unsafe-eval'. The hashes are taken after injection,
 * so a Jaeger UI config file changes them and they still match.
 */
import { createHash } from 'node:crypto';

export const DEFAULT_FRAME_ANCESTORS = "'self'";

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** `'sha256-…'` sources of every inline (no `src`) script of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    // The HTML parser turns CR LF and lone CR into LF before the browser hashes the script text.
    const text = body.replace(/\r\n?/g, '\n');
    hashes.push(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The policy. Nothing inline is allowed but the hashed scripts: styles come from the built CSS
 * files only. The app's dynamic styles (React `style` props, recharts' text measuring, d3's
 * `selection.style`) are set through the CSSOM, which CSP does not restrict; only `<style>`
 * elements and `style="…"` attributes in markup would need 'unsafe-inline', and the app has
 * neither (e2e/hostile.spec.ts visits every chart and graph and fails on any violation).
 */
export function contentSecurityPolicy(frameAncestors: string, scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Headers for every UI response (assets, workers, index.html); index.html adds its hashes. */
export function uiSecurityHeaders(
  frameAncestors: string,
  scriptHashes: readonly string[] = [],
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(frameAncestors, scriptHashes),
    'X-Content-Type-Options': 'nosniff',
    // Trace IDs and searches live in URLs: keep them from the sites that UI links point to.
    'Referrer-Policy': 'same-origin',
  };
}
