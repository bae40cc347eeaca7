/**
 * The UI config and embedded mode where they act on the trace page: link patterns and attribute
 * order in span details, the trace ID length, the JSON link, archiving, the critical path, and
 * the header and minimap options of uiEmbed=v0.
 */
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../mocks/handlers';
import { setupMswServer } from '../../../mocks/node';
import { renderTracePage } from '../features/trace/testing/renderTracePage';
import { detailsPanel, findWaterfall, rowOf } from '../features/trace/testing/traceTestKit';
import { LAYOUT_STORAGE_KEY, useTraceLayout } from '../features/trace/traceLayoutPrefs';
import { stubClientSize } from '../testing/layout';
import { NOT_EMBEDDED, parseEmbedOptions, setEmbedOptions } from './embedded';
import { setUiConfig } from './runtimeConfig';
import { parseUiConfig } from './uiConfig';

const server = setupMswServer();
let restoreLayout: () => void;

function configure(raw: unknown) {
  setUiConfig(parseUiConfig(raw, 'http://localhost/').config);
}

beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace]));
  useTraceLayout.getState().setDetailsMode('side');
});

afterEach(() => {
  restoreLayout();
  window.localStorage.removeItem(LAYOUT_STORAGE_KEY);
  window.JAEGER_BACKEND_CAPABILITIES = undefined;
  setUiConfig(null);
  setEmbedOptions(NOT_EMBEDDED);
});

async function openTrace() {
  const view = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
  await findWaterfall();
  return view;
}

describe('link patterns and attribute order in span details', () => {
  it('links attribute and resource values, only to http(s), with top prefixes first', async () => {
    configure({
      topTagPrefixes: ['driver.'],
      linkPatterns: [
        {
          type: 'tags',
          key: 'driver.id',
          url: 'https://fleet.example.com/drivers/#{driver.id}?trace=#{trace.traceID}',
          text: 'Driver #{driver.id} in the fleet console',
        },
        { type: 'tags', key: 'db.system', url: 'javascript:alert("#{db.system}")', text: 'Evil' },
        {
          type: 'process',
          key: 'host.name',
          url: 'https://hosts.example.com/#{host.name}',
          text: 'Host #{host.name}',
        },
      ],
    });
    const { user } = await openTrace();
    await user.click(rowOf('GetDriver'));
    const panel = detailsPanel();
    const attributes = await within(panel).findByRole('table', { name: 'Span attributes' });
    const link = within(attributes).getByRole('link', { name: 'Driver T751767C in the fleet console' });
    expect(link).toHaveAttribute(
      'href',
      `https://fleet.example.com/drivers/T751767C?trace=${DISPATCH_TRACE_ID}`,
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // The javascript: pattern: its text as text, no link and no href anywhere.
    expect(within(attributes).queryByRole('link', { name: /Evil/ })).not.toBeInTheDocument();
    expect(within(attributes).getByText('Evil')).toHaveAttribute(
      'title',
      'not a link: the configured URL is not http or https',
    );
    expect(attributes.querySelector('[href^="javascript"]')).toBeNull();
    expect(
      within(attributes)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
      // Alphabetical order would put db.system first.
    ).toEqual(['driver.id', 'db.system']);

    await user.click(within(panel).getByText('Resource', { selector: 'summary' }));
    const resource = within(panel).getByRole('table', { name: 'Resource attributes' });
    expect(within(resource).getByRole('link', { name: 'Host driver-91ad' })).toHaveAttribute(
      'href',
      'https://hosts.example.com/driver-91ad',
    );
  });
});

describe('link patterns from ancestors and on events (Jaeger "logs")', () => {
  it('fills parameters from the ancestors and links event attributes', async () => {
    configure({
      linkPatterns: [
        {
          type: 'logs',
          key: 'exception.message',
          url: 'https://errors.example.com/?q=#{exception.message}&entry=#{http.url}&host=#{host.name}',
          text: 'Known errors like this one',
        },
        {
          type: 'attributes',
          key: 'driver.id',
          url: 'https://fleet.example.com/#{driver.id}?from=#{http.url}',
          text: 'Driver #{driver.id} from #{http.url}',
        },
      ],
    });
    const { user } = await openTrace();
    await user.click(rowOf('GetDriver'));
    const panel = detailsPanel();
    // http.url is an attribute of the root span, three levels up.
    const attributes = await within(panel).findByRole('table', { name: 'Span attributes' });
    expect(
      await within(attributes).findByRole('link', { name: 'Driver T751767C from /dispatch?customer=123' }),
    ).toHaveAttribute('href', 'https://fleet.example.com/T751767C?from=%2Fdispatch%3Fcustomer%3D123');
    const event = within(panel).getByRole('table', { name: 'Attributes of event exception' });
    expect(within(event).getByRole('link', { name: 'Known errors like this one' })).toHaveAttribute(
      'href',
      'https://errors.example.com/?q=redis%20timeout%20after%2045ms&entry=%2Fdispatch%3Fcustomer%3D123&host=driver-91ad',
    );
    // Only on the attribute the pattern names.
    expect(within(event).getAllByRole('link')).toHaveLength(1);
  });
});

describe('the trace header', () => {
  it('shortens the trace ID, hides the JSON link and shows trace link patterns, as configured', async () => {
    configure({
      traceIdDisplayLength: 7,
      disableJsonView: true,
      linkPatterns: [{ type: 'traces', url: 'https://logs.example.com/?trace=#{traceID}', text: 'Logs' }],
    });
    await openTrace();
    const header = screen.getByRole('banner');
    expect(within(header).getByText(DISPATCH_TRACE_ID.slice(0, 7), { selector: 'code' })).toHaveAttribute(
      'title',
      DISPATCH_TRACE_ID,
    );
    expect(within(header).queryByText('Trace JSON')).not.toBeInTheDocument();
    expect(within(header).getByRole('link', { name: 'Logs' })).toHaveAttribute(
      'href',
      `https://logs.example.com/?trace=${DISPATCH_TRACE_ID}`,
    );
  });

  it('archives the trace when the backend has archive storage', async () => {
    window.JAEGER_BACKEND_CAPABILITIES = { archiveStorage: true };
    const archived: string[] = [];
    server.use(
      http.post('*/api/archive/:id', ({ params }) => {
        archived.push(String(params.id));
        return HttpResponse.json({ data: [], total: 0, limit: 0, offset: 0, errors: [] });
      }),
    );
    const { user } = await openTrace();
    await user.click(screen.getByRole('button', { name: 'Archive trace' }));
    expect(await screen.findByRole('button', { name: 'Archived' })).toBeDisabled();
    expect(archived).toEqual([DISPATCH_TRACE_ID]);
  });

  it("says why archiving failed, in the backend's words", async () => {
    window.JAEGER_BACKEND_CAPABILITIES = { archiveStorage: true };
    server.use(
      http.post('*/api/archive/:id', () =>
        HttpResponse.json(
          { data: null, errors: [{ code: 500, msg: 'archive span storage was not configured' }] },
          { status: 500 },
        ),
      ),
    );
    const { user } = await openTrace();
    await user.click(screen.getByRole('button', { name: 'Archive trace' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Archiving failed (HTTP 500): archive span storage was not configured',
    );
  });

  it('offers no archive button without archive storage, or when archiveEnabled is false', async () => {
    await openTrace();
    expect(screen.queryByRole('button', { name: 'Archive trace' })).not.toBeInTheDocument();
  });
});

describe('criticalPathEnabled: false', () => {
  it('takes the critical path and its filter off the timeline', async () => {
    configure({ criticalPathEnabled: false });
    await openTrace();
    expect(screen.queryByRole('checkbox', { name: 'Critical path only' })).not.toBeInTheDocument();
    expect(document.querySelector('.wf-timeline-canvas')).toHaveAttribute('data-critical', '0');
  });

  it('is on by default', async () => {
    await openTrace();
    expect(screen.getByRole('checkbox', { name: 'Critical path only' })).toBeInTheDocument();
    expect(
      Number(document.querySelector<HTMLElement>('.wf-timeline-canvas')?.dataset.critical),
    ).toBeGreaterThan(0);
  });
});

describe('embedded trace view', () => {
  it('hides the minimap and the summary when asked', async () => {
    setEmbedOptions(parseEmbedOptions('?uiEmbed=v0&uiTimelineHideMinimap=1&uiTimelineHideSummary=1'));
    await openTrace();
    expect(screen.queryByRole('region', { name: 'Trace overview' })).not.toBeInTheDocument();
    expect(screen.queryByText('Total spans')).not.toBeVisible();
  });

  it('is the header and the waterfall alone, whatever view the URL names', async () => {
    setEmbedOptions(parseEmbedOptions('?uiEmbed=v0'));
    renderTracePage(`/trace/${DISPATCH_TRACE_ID}?view=statistics`);
    await findWaterfall();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('frontend: HTTP GET /dispatch');
    expect(screen.queryByRole('tablist', { name: 'Trace views' })).not.toBeInTheDocument();
    expect(screen.queryByRole('tabpanel')).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /Insights/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Span details' })).not.toBeInTheDocument();
    expect(screen.queryByText('Trace JSON')).not.toBeInTheDocument();
    expect(screen.queryByText('Insights')).not.toBeInTheDocument();
    // The waterfall's own tools stay.
    expect(screen.getByRole('button', { name: /Expand all/ })).toBeInTheDocument();
  });

  it('shows the view switcher, insights and settings outside embedded mode', async () => {
    await openTrace();
    expect(screen.getByRole('tablist', { name: 'Trace views' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Span details' })).toBeInTheDocument();
    expect(screen.getByText('Trace JSON')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Insights/ })).toBeInTheDocument();
    expect(screen.getByText('Insights', { selector: 'dt' })).toBeInTheDocument();
  });

  it('starts with a slim header that can be opened', async () => {
    setEmbedOptions(parseEmbedOptions('?uiEmbed=v0&uiTimelineCollapseTitle=1'));
    const { user } = await openTrace();
    const toggle = screen.getByRole('button', { name: 'Show summary' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('region', { name: 'Trace overview' })).not.toBeInTheDocument();
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide summary' })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Total spans')).toBeVisible();
    expect(screen.getByRole('region', { name: 'Trace overview' })).toBeInTheDocument();
  });
});
