import { act, render, screen } from '@testing-library/react';
import { createElement, startTransition, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import type { TraceViewDefinition, TraceViewModule } from './traceViews';
import { preloadView, preloadViewsWhenIdle, useViewComponent } from './viewModules';

let nextId = 0;
/** A view whose module arrives when the test resolves it. */
function deferredView(text: string) {
  let arrive: () => void = () => {};
  const load = vi.fn(
    () =>
      new Promise<TraceViewModule>((resolve) => {
        arrive = () => resolve({ default: () => <p>{text}</p> });
      }),
  );
  const view: TraceViewDefinition = { id: `view-${nextId++}`, label: text, load };
  return { view, load, arrive: () => act(async () => arrive()) };
}

function Panel({ view }: { view: TraceViewDefinition }) {
  const Component = useViewComponent(view);
  return Component ? createElement(Component, { onOpenInTimeline: () => {} }) : <p>timeline</p>;
}

const withFallback = (view: TraceViewDefinition) => (
  <Suspense fallback={<p>opening</p>}>
    <Panel view={view} />
  </Suspense>
);

describe('view modules', () => {
  it('fetches a module once, however often it is asked for', async () => {
    const { view, load, arrive } = deferredView('flame');
    const first = preloadView(view);
    expect(preloadView(view)).toBe(first);
    await arrive();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('renders a preloaded view at once, without the fallback', async () => {
    const { view, arrive } = deferredView('statistics');
    void preloadView(view);
    await arrive();
    render(withFallback(view));
    expect(screen.getByText('statistics')).toBeInTheDocument();
  });

  it('keeps the previous view on screen while a switched-to module arrives', async () => {
    const { view, arrive } = deferredView('events');
    const timeline: TraceViewDefinition = { id: 'timeline', label: 'Timeline' };
    const root = createRoot(document.body.appendChild(document.createElement('div')));
    act(() => root.render(withFallback(timeline)));
    await act(async () => startTransition(() => root.render(withFallback(view))));
    expect(screen.getByText('timeline')).toBeInTheDocument();
    expect(screen.queryByText('opening')).toBeNull();
    await arrive();
    expect(screen.getByText('events')).toBeInTheDocument();
    act(() => root.unmount());
  });

  it('tries a failed fetch again next time', async () => {
    const load = vi
      .fn()
      .mockRejectedValueOnce(new Error('chunk gone'))
      .mockResolvedValue({ default: () => null });
    const view: TraceViewDefinition = { id: `view-${nextId++}`, label: 'JSON', load };
    await expect(preloadView(view)).rejects.toThrow('chunk gone');
    await expect(preloadView(view)).resolves.toBeTypeOf('function');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('preloads views one per idle period, skipping the timeline, until stopped', async () => {
    const a = deferredView('a');
    const b = deferredView('b');
    const idle: (() => void)[] = [];
    const stop = preloadViewsWhenIdle([{ id: 'timeline', label: 'Timeline' }, a.view, b.view], (run) => {
      idle.push(run);
      return () => {};
    });
    expect(a.load).not.toHaveBeenCalled();
    idle.shift()?.();
    expect(a.load).toHaveBeenCalledTimes(1);
    await a.arrive();
    stop();
    idle.shift()?.();
    expect(b.load).not.toHaveBeenCalled();
  });
});
