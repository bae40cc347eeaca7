import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { generatedTrace } from '../../../../mocks/data/generatedTrace';
import { traceFromJaeger } from '../../../core/jaeger/fromJaegerJson';
import { buildTraceIndex } from '../../../core/tree/traceIndex';
import '../../theme/tokens.css';
import '../../theme/base.css';
import './trace.css';
import { Waterfall } from './Waterfall';

// Real layout in Chromium: the virtualizer measures the scroll box, which happy-dom cannot do.
describe('Waterfall in a real browser', () => {
  it('keeps only the rows on screen in the DOM for a 20,000-span trace, and follows scrolling', async () => {
    const index = buildTraceIndex(traceFromJaeger(generatedTrace(20_000)));
    const screen = await render(
      <div style={{ height: 600, display: 'flex', flexDirection: 'column' }}>
        <Waterfall index={index} />
      </div>,
    );
    const rows = () => screen.container.querySelectorAll('[role="row"][aria-level]');
    await expect.poll(() => rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(100);
    const firstName = index.spans[0].name;
    expect(screen.container.textContent).toContain(firstName);

    const scroller =
      screen.container.querySelector<HTMLElement>('.waterfall__scroll') ?? findScroller(screen.container);
    scroller.scrollTop = scroller.scrollHeight;
    await expect.poll(() => Number(rows()[rows().length - 1]?.getAttribute('aria-rowindex'))).toBe(20_001);
    expect(rows().length).toBeLessThan(100);
  });
});

function findScroller(root: Element): HTMLElement {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.scrollHeight > el.clientHeight + 100 && getComputedStyle(el).overflowY !== 'visible') return el;
  }
  throw new Error('no scrolling element in the waterfall');
}
