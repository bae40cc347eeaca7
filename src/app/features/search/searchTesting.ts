/** Shared set-up for the search page's integration tests (imported by tests only). */
import { configure, screen, within } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { useUploadedTracesStore } from '../../stores/uploadedTraces';
import { stubClientSize } from '../../testing/layout';

/**
 * Every test starts as a fresh browser session: nothing remembered, no capabilities injected, no
 * files opened, and a laid-out viewport so the virtualized list renders rows.
 */
export function setupSearchTests(): void {
  // A whole search round trip (probe, services, search) under a loaded CI machine can pass 1 s.
  configure({ asyncUtilTimeout: 4000 });
  let restoreLayout: () => void = () => {};
  beforeEach(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
    window.JAEGER_BACKEND_CAPABILITIES = null;
    useUploadedTracesStore.getState().clear();
    restoreLayout = stubClientSize(1200, 800);
  });
  afterEach(() => {
    restoreLayout();
    window.JAEGER_BACKEND_CAPABILITIES = null;
  });
}

export const form = () => screen.getByRole('form', { name: 'Search traces' });
export const field = (name: string | RegExp) => within(form()).getByLabelText(name);
export const findButton = () => screen.getByRole('button', { name: 'Find traces' });

/** The result cards, top to bottom, by their link's name. */
export function resultNames(): string[] {
  const list = screen.getByRole('list', { name: 'Traces' });
  return within(list)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
}
