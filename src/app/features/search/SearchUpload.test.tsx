import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import jaegerFixture from '../../../core/testdata/jaeger-ui-01.json?raw';
import otlpFixture from '../../../core/testdata/otlp2jaeger-in.json?raw';
import { setupMswServer } from '../../../../mocks/node';
import { fetchTrace } from '../../api/traces';
import {
  getUploadedTrace,
  uploadedTraceResponseBytes,
  useUploadedTracesStore,
} from '../../stores/uploadedTraces';
import { renderApp } from '../../testing/renderApp';
import { resultNames, setupSearchTests } from './searchTesting';

// The plot is recharts in SVG: happy-dom cannot lay it out, and it is tested in Chromium
// (SearchResults.browser.test.tsx); here it would only slow every search down.
vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

const jaegerTrace = JSON.parse(jaegerFixture);
const JAEGER_NAME = 'service-x: test-general-conversion';
const OTLP_ID = '83a9efd15c1c98a977e0711cc93ee28b';

function file(name: string, text: string) {
  return new File([text], name, { type: 'application/json' });
}

async function upload(...files: File[]) {
  const view = renderApp('/search');
  await view.user.upload(screen.getByLabelText('Trace files'), files);
  return view;
}

describe('Opening trace files', () => {
  it.each([
    [
      'the query API envelope',
      JSON.stringify({ data: [jaegerTrace], total: 0, limit: 0, offset: 0, errors: null }),
      'Jaeger JSON',
    ],
    ['a bare array of traces', JSON.stringify([jaegerTrace]), 'Jaeger JSON'],
    ['a single trace', jaegerFixture, 'Jaeger JSON'],
  ])('reads Jaeger JSON: %s', async (_what, text, format) => {
    await upload(file('trace.json', text));
    expect(await screen.findByRole('status', { name: 'Opened files' })).toHaveTextContent(
      `trace.json: Opened 1 trace (${format}).`,
    );
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    const card = screen.getByRole('link', { name: JAEGER_NAME }).closest('li')!;
    expect(within(card).getByText('From file')).toHaveAttribute('title', 'Opened from trace.json');
  });

  it('reads OTLP JSON and OTLP JSON Lines, several files at once', async () => {
    const otlp = JSON.parse(otlpFixture);
    const lines = [otlp, otlp].map((o) => JSON.stringify(o)).join('\n');
    await upload(
      file('otlp.json', otlpFixture),
      file('spans.jsonl', lines),
      file('jaeger.json', jaegerFixture),
    );
    const opened = await screen.findByRole('status', { name: 'Opened files' });
    expect(opened).toHaveTextContent('otlp.json: Opened 1 trace (OTLP JSON).');
    expect(opened).toHaveTextContent('spans.jsonl: Opened 1 trace (OTLP JSON Lines).');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(resultNames()).toContain(JAEGER_NAME);
    expect(useUploadedTracesStore.getState().byId.get(OTLP_ID)?.fileName).toBe('spans.jsonl');
  });

  it('explains a bad file, naming the line and field, and keeps the good ones', async () => {
    const bad = `${otlpFixture.trim().replace(/\n/g, ' ')}\n{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"nope"}]}]}]}`;
    await upload(
      file('bad.jsonl', bad),
      file('broken.json', '{"data": [}'),
      file('good.json', jaegerFixture),
    );
    const problems = await screen.findByRole('alert', { name: 'Files that could not be opened' });
    expect(problems).toHaveTextContent(
      'bad.jsonl: Line 2: resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 32 hex digits, got "nope"',
    );
    expect(problems).toHaveTextContent('broken.json: This file is not valid JSON');
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
  });

  it('refuses a file too large to open in the browser, before reading it', async () => {
    const huge = file('huge.json', '{}');
    Object.defineProperty(huge, 'size', { value: 300 * 1024 * 1024 });
    await upload(huge);
    expect(await screen.findByRole('alert', { name: 'Files that could not be opened' })).toHaveTextContent(
      'huge.json is 300 MB; files up to 100 MB can be opened in the browser.',
    );
  });

  it('opens files dropped anywhere on the page', async () => {
    renderApp('/search');
    const page = screen.getByRole('complementary', { name: 'Search' }).parentElement!;
    const dataTransfer = { types: ['Files'], files: [file('dropped.json', jaegerFixture)] };
    fireEvent.dragEnter(page, { dataTransfer });
    expect(screen.getByText('Drop Jaeger or OTLP JSON files to open them')).toBeInTheDocument();
    fireEvent.drop(page, { dataTransfer });
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    expect(screen.queryByText('Drop Jaeger or OTLP JSON files to open them')).not.toBeInTheDocument();
  });

  it('works with no backend at all, and hands the trace to the trace page through the store', async () => {
    server.use(http.all('*/api/*', () => HttpResponse.error()));
    const { user, router } = await upload(file('trace.json', jaegerFixture));
    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('could not be reached');
    await user.click(screen.getByRole('link', { name: JAEGER_NAME }));
    expect(router.state.location.pathname).toBe('/trace/0000000000000001');
    expect(getUploadedTrace('0000000000000001')?.spans).toHaveLength(jaegerTrace.spans.length);
    expect(await fetchTrace('0000000000000001')).toBe(getUploadedTrace('1'));
  });

  it('lists files next to search results, marked, and closes them on request', async () => {
    const { user } = renderApp('/search?service=frontend');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Trace files'), file('trace.json', jaegerFixture));
    expect(await screen.findByRole('heading', { name: '3 traces' })).toBeInTheDocument();
    expect(screen.getByText('1 from files')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close 1 trace from files' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: '2 traces' })).toBeInTheDocument());
  });
});

describe('the uploaded-traces store', () => {
  it('gives the trace page the trace as the query API would send it', async () => {
    await upload(file('trace.json', jaegerFixture));
    await screen.findByRole('heading', { name: '1 trace' });
    const bytes = uploadedTraceResponseBytes('0000000000000001');
    const body = JSON.parse(new TextDecoder().decode(bytes));
    expect(body.data).toHaveLength(1);
    expect(body.data[0].spans).toHaveLength(jaegerTrace.spans.length);
    expect(uploadedTraceResponseBytes('ffff')).toBeUndefined();
  });
});
