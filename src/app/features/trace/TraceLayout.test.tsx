import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../../mocks/node';
import { stubClientSize } from '../../testing/layout';
import { renderTracePage } from './testing/renderTracePage';
import { findWaterfall, rowOf } from './testing/traceTestKit';
import { LAYOUT_STORAGE_KEY, readLayoutPrefs, useTraceLayout } from './traceLayoutPrefs';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  useTraceLayout.setState(readLayoutPrefs());
});
afterEach(() => {
  restoreLayout();
  window.localStorage.removeItem(LAYOUT_STORAGE_KEY);
});

const saved = () =>
  JSON.parse(window.localStorage.getItem(LAYOUT_STORAGE_KEY) ?? '{}') as Record<string, unknown>;

describe('Trace page layout', () => {
  it('resizes the name column from the keyboard and remembers the width', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    const handle = screen.getByRole('separator', { name: 'Resize the service and operation column' });
    expect(handle).toHaveAttribute('aria-valuenow', '30');
    handle.focus();
    await user.keyboard('{ArrowRight}{Shift>}{ArrowRight}{/Shift}');
    expect(handle).toHaveAttribute('aria-valuenow', '36');
    expect(saved().nameColumn).toBeCloseTo(0.36);
    expect(document.querySelector<HTMLElement>('.waterfall')?.style.getPropertyValue('--name-share')).toBe(
      '0.36',
    );
    await user.keyboard('{End}');
    expect(handle).toHaveAttribute('aria-valuenow', '70');
  });

  it('resizes the side panel from the keyboard and remembers it', async () => {
    const { user } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    await user.click(rowOf('SQL SELECT'));
    const handle = await screen.findByRole('separator', { name: 'Resize the span details panel' });
    handle.focus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(handle).toHaveAttribute('aria-valuenow', '38');
    expect(saved().sidePanel).toBeCloseTo(0.38);
    // The same separator keys as the name column's (one hook): Home and End go to the limits.
    await user.keyboard('{Home}');
    expect(handle).toHaveAttribute('aria-valuenow', '20');
  });

  it('reads back remembered preferences and ignores damaged ones', () => {
    window.localStorage.setItem(
      LAYOUT_STORAGE_KEY,
      JSON.stringify({ nameColumn: 0.5, detailsMode: 'inline', sidePanel: 9 }),
    );
    expect(readLayoutPrefs()).toEqual({ nameColumn: 0.5, detailsMode: 'inline', sidePanel: 0.7 });
    window.localStorage.setItem(LAYOUT_STORAGE_KEY, '{not json');
    expect(readLayoutPrefs()).toEqual({ nameColumn: 0.3, detailsMode: 'side', sidePanel: 0.36 });
  });

  it('keeps a loaded trace cached: reopening it asks the backend nothing', async () => {
    let requests = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/api/traces/')) requests++;
    });
    const { router } = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    // The trace's columns (the rows of a large trace come first from them) and the trace.
    expect(requests).toBe(2);
    await router.navigate('/search');
    await router.navigate(`/trace/${DISPATCH_TRACE_ID}`);
    await findWaterfall();
    expect(requests).toBe(2);
    server.events.removeAllListeners();
  });
});
