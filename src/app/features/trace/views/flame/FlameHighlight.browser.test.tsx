/**
 * The flame graph draws the chosen insight's spans as the timeline does: outlined in the accent
 * colour at full strength, every other span faded, and the reader told how many are highlighted.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { flameLayout } from '../../../../../core/analysis/flameLayout';
import { selfTimes } from '../../../../../core/analysis/selfTime';
import { buildTrace } from '../../../../../core/testing/traceBuilder';
import { buildTraceIndex } from '../../../../../core/tree/traceIndex';
import { installServicePalette } from '../../../../theme/servicePalette';
import type { FlameGraphData } from '../../../../workers/analyses/flameAnalysis';
import { buildSkeleton } from '../../../../workers/buildSkeleton';
import type { TraceHandle } from '../../../../workers/traceClient';
import { createTraceViewStore, TraceViewContext } from '../../state/traceViewStore';
import '../../../../theme/tokens.css';
import '../../../../theme/base.css';
import { ROW_HEIGHT } from './drawFlame';
import { FlameCanvas } from './FlameCanvas';
import './flame.css';

//  0          50         100
//  GET /checkout (api)      [0, 100]   level 0
//   ├ auth (api)            [0, 40]    level 1
//   ├ charge (payment)      [30, 90]   level 2
//   │  └ ledger (payment)   [40, 60]   level 3
//   └ notify (api)          [92, 99]   level 1
const trace = buildTrace([
  { id: 'root', at: [0, 100], name: 'GET /checkout', service: 'api' },
  { id: 'auth', parent: 'root', at: [0, 40], name: 'auth', service: 'api' },
  { id: 'charge', parent: 'root', at: [30, 90], name: 'charge', service: 'payment' },
  { id: 'ledger', parent: 'charge', at: [40, 60], name: 'ledger', service: 'payment' },
  { id: 'notify', parent: 'root', at: [92, 99], name: 'notify', service: 'api' },
]);
const index = buildTraceIndex(trace);
const skeleton = buildSkeleton(index, {
  critical: [],
  problems: { items: [] },
  warnings: [],
  spans: index.spans,
});
const data: FlameGraphData = { ...flameLayout(index), selfUs: selfTimes(index) };
const rowOf = (name: string) => index.spans.findIndex((s) => s.name === name);
const WIDTH = 300;

const token = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim().toLowerCase();
function pixelAt(x: number, y: number): string {
  const canvas = document.querySelector<HTMLCanvasElement>('.flame__canvas')!;
  const dpr = devicePixelRatio;
  const p = canvas.getContext('2d')!.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
  return `#${[p[0], p[1], p[2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
const drawnWidth = () => document.querySelector<HTMLCanvasElement>('.flame__canvas')!.clientWidth;
/** Inside a bar, below its outline and above its label: at `pct` of the time axis on `level`. */
const inside = (pct: number, level: number) => pixelAt((pct / 100) * drawnWidth(), level * ROW_HEIGHT + 3);

describe('the flame graph and a chosen insight', () => {
  it('outlines the highlighted spans, fades the rest, and restores them when cleared', async () => {
    installServicePalette(document);
    // Only the skeleton is read when the store is made; nothing here asks the worker.
    const store = createTraceViewStore({ skeleton } as unknown as TraceHandle);
    const screen = await render(
      <TraceViewContext.Provider value={store}>
        <div style={{ width: WIDTH, height: 300, display: 'flex', flexDirection: 'column' }}>
          <FlameCanvas
            skeleton={skeleton}
            data={data}
            viewport={{ t0: 0, t1: 100, focus: -1, topLevel: 0 }}
            selected={null}
            search={null}
            onPainted={() => undefined}
            describedBy="status"
            onPick={() => undefined}
            onMove={() => undefined}
            onZoom={() => undefined}
            onZoomOut={() => undefined}
            onOpen={() => undefined}
          />
        </div>
      </TraceViewContext.Provider>,
    );
    const canvas = document.querySelector<HTMLCanvasElement>('.flame__canvas')!;
    await expect.poll(() => canvas.dataset.rects).toBe('5');
    const api = token('--service-color-0');
    const payment = token('--service-color-1');
    expect(inside(10, 1)).toBe(api);

    store.getState().setHighlight({ key: 'n+1', rows: Int32Array.of(rowOf('charge'), rowOf('ledger')) });
    await expect.poll(() => canvas.dataset.highlighted).toBe('2');
    // Highlighted: full colour inside, the accent on the outline (top edge of the charge bar).
    expect(inside(80, 2)).toBe(payment);
    expect(inside(50, 3)).toBe(payment);
    expect(pixelAt(0.8 * drawnWidth(), 2 * ROW_HEIGHT + 1)).toBe(token('--color-accent'));
    // The others faded towards the background.
    expect(inside(10, 1)).not.toBe(api);
    expect(inside(10, 0)).not.toBe(api);
    await expect
      .element(screen.getByText('2 spans highlighted by the chosen insight, the others faded'))
      .toBeInTheDocument();

    store.getState().setHighlight(null);
    await expect.poll(() => canvas.dataset.highlighted).toBe('0');
    expect(inside(10, 1)).toBe(api);
  });
});
