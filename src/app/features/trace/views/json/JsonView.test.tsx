import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../../../mocks/handlers';
import { setupMswServer } from '../../../../../../mocks/node';
import { stubClientSize } from '../../../../testing/layout';
import { badTrace, BAD_TRACE_ID } from '../../testing/badTrace';
import { openView } from '../shared/viewTestKit';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace, badTrace()]));
});
afterEach(() => restoreLayout());

/** The JSON lines on screen, indented as shown. */
function shownLines(): string[] {
  return Array.from(document.querySelectorAll('.json-line__text'), (line) => {
    const depth = parseFloat((line as HTMLElement).style.paddingLeft) / 2;
    return '  '.repeat(depth) + line.textContent;
  });
}

describe('JSON view', () => {
  it('pretty-prints the body as received, a screenful of lines at a time', async () => {
    await openView(DISPATCH_TRACE_ID, 'json');
    const region = screen.getByRole('region', { name: /^As received JSON, [\d,]+ lines$/ });
    expect(region).toBeInTheDocument();
    const lines = shownLines();
    expect(lines.slice(0, 4)).toEqual([
      '{',
      '  "data": [',
      '    {',
      `      "traceID": "${DISPATCH_TRACE_ID}",`,
    ]);
    // Only what fits the 600 px viewport (plus a margin) is in the page.
    expect(lines.length).toBeLessThan(120);
    expect(screen.getByText(/kB · [\d,]+ lines/)).toBeInTheDocument();
  });

  it('shows the adjusted trace as Jaeger or OTLP JSON', async () => {
    const { user } = await openView(DISPATCH_TRACE_ID, 'json');
    await user.click(screen.getByRole('radio', { name: 'Adjusted · OTLP' }));
    await waitFor(() => expect(shownLines().slice(0, 2)).toEqual(['{', '  "resourceSpans": [']));
    expect(screen.getByRole('region', { name: /^Adjusted · OTLP JSON/ })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Adjusted · Jaeger' }));
    await waitFor(() => expect(shownLines()[1]).toBe('  "data": ['));
    expect(shownLines()).toContain('          "operationName": "HTTP GET /dispatch",');
  });

  it('downloads and copies the whole document', async () => {
    const saved: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:json';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      const { user } = await openView(DISPATCH_TRACE_ID, 'json');
      await user.click(screen.getByRole('button', { name: 'Download JSON' }));
      await waitFor(() => expect(click).toHaveBeenCalledOnce());
      expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(
        `trace-${DISPATCH_TRACE_ID}-received.json`,
      );
      const body = JSON.parse(await saved[0].text()) as { data: { spans: unknown[] }[] };
      expect(body.data[0].spans).toHaveLength(8);

      await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
      await waitFor(() => expect(screen.getByText('Copied the JSON')).toBeInTheDocument());
      expect(JSON.parse(await navigator.clipboard.readText())).toEqual(body);
    } finally {
      createObjectURL.mockRestore();
      click.mockRestore();
    }
  });

  it('cuts a 10 MB line and says how much is left out', async () => {
    await openView(BAD_TRACE_ID, 'json');
    const region = screen.getByRole('region', { name: /^As received JSON/ });
    const cut = await waitFor(() => {
      const line = Array.from(region.querySelectorAll('.json-line')).find((l) =>
        l.textContent?.includes('"value": "xxxxxxxx'),
      );
      if (!line) {
        region.scrollTop += 400;
        region.dispatchEvent(new Event('scroll'));
        throw new Error('not yet on screen');
      }
      return line;
    });
    expect(
      within(cut as HTMLElement).getByText(/… 10\.0 MB more \(download to see all\)/),
    ).toBeInTheDocument();
    expect(screen.getByText(/This document is 10\.\d MB/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy JSON' })).toBeEnabled();
  });
});
