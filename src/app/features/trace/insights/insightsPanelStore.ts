/**
 * Whether the Insights strip is expanded (a preference, kept across traces and reloads), and
 * requests to move focus into its list (from the header's count).
 */
import { create } from 'zustand';

const STORAGE_KEY = 'tracelens.insights.expanded';

function storedExpanded(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

interface InsightsPanelState {
  expanded: boolean;
  /** Bumped to ask the list to take focus; 0 before any request. */
  focusRequest: number;
  setExpanded(expanded: boolean): void;
  /** Expands the strip and moves focus to its first finding. */
  openAndFocus(): void;
}

export const useInsightsPanel = create<InsightsPanelState>()((set) => ({
  expanded: storedExpanded(),
  focusRequest: 0,
  setExpanded(expanded) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, String(expanded));
    } catch {
      // A full or blocked storage only costs remembering the choice.
    }
    set({ expanded });
  },
  openAndFocus() {
    useInsightsPanel.getState().setExpanded(true);
    set((s) => ({ focusRequest: s.focusRequest + 1 }));
  },
}));
