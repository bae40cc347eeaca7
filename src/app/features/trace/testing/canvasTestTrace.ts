/**
 * For the waterfall's canvas tests in Chromium: the dispatch trace opened once per file, with the
 * service palette installed and the light theme, and closed afterwards. Returns its handle.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { dispatchTrace } from '../../../../../mocks/data/dispatchTrace';
import { installServicePalette } from '../../../theme/servicePalette';
import { openTrace, type TraceHandle } from '../../../workers/traceClient';

export function dispatchTraceForCanvasTests(): () => TraceHandle {
  let handle: TraceHandle | undefined;
  beforeAll(async () => {
    installServicePalette(document);
    document.documentElement.dataset.theme = 'light';
    handle = await openTrace(new TextEncoder().encode(JSON.stringify({ data: [dispatchTrace] })), 'dispatch');
  }, 60_000);
  afterAll(() => {
    handle?.dispose();
    document.documentElement.dataset.theme = 'light';
  });
  return () => {
    if (!handle) throw new Error('the dispatch trace is not open yet');
    return handle;
  };
}

/** The canvas's backing store matches its box at the device's pixel ratio (crisp, not scaled). */
export function expectDeviceResolution(canvas: HTMLCanvasElement): void {
  const rect = canvas.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  expect(canvas.width).toBe(Math.round(rect.width * dpr));
  expect(canvas.height).toBe(Math.round(rect.height * dpr));
}
