/**
 * Whether this page load serves its API from the in-browser mock (the no-backend demo). The
 * banner that says so can be folded away for the session, but a badge stays in its place.
 */
import { create } from 'zustand';

const FOLDED_KEY = 'tracelens-mock-banner-folded';

interface MockModeState {
  mocked: boolean;
  folded: boolean;
  setMocked(mocked: boolean): void;
  setFolded(folded: boolean): void;
}

function readFolded(): boolean {
  try {
    return window.sessionStorage.getItem(FOLDED_KEY) === '1';
  } catch {
    return false;
  }
}

export const useMockMode = create<MockModeState>((set) => ({
  mocked: false,
  folded: readFolded(),
  setMocked: (mocked) => set({ mocked }),
  setFolded(folded) {
    try {
      if (folded) window.sessionStorage.setItem(FOLDED_KEY, '1');
      else window.sessionStorage.removeItem(FOLDED_KEY);
    } catch {
      // The choice still holds until the page is reloaded.
    }
    set({ folded });
  },
}));
