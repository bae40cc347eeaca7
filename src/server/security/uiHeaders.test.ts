import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './uiHeaders';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the text of each inline script, not those with src, as the browser does (CR LF read as LF)', () => {
    const html = [
      '<head><script>var a = 1;</script>',
      '<SCRIPT type="text/javascript">\r\n  var b = 2;\r\n</SCRIPT >',
      '<script type="module" crossorigin src="./static/index.js"></script>',
      '<script>',
      '</script></head>',
    ].join('\n');
    expect(inlineScriptHashes(html)).toEqual([sha('var a = 1;'), sha('\n  var b = 2;\n'), sha('\n')]);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from the server and the listed hashes only, no eval, and no inline styles', () => {
    const csp = contentSecurityPolicy("'self' https://grafana.example.com", ["'sha256-abc'"]);
    expect(csp).toContain("script-src 'self' 'sha256-abc';");
    expect(csp).toContain("frame-ancestors 'self' https://grafana.example.com");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("style-src 'self';");
  });
});
