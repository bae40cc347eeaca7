/**
 * Layout preferences of the trace page (column split, where span details open, side panel width),
 * remembered in localStorage like the theme: they are about the reader, not about a trace.
 */
import { create } from 'zustand';

export type DetailsMode = 'side' | 'inline';

export interface TraceLayoutPrefs {
  /** Share of the waterfall width given to the service & operation column. */
  nameColumn: number;
  detailsMode: DetailsMode;
  /** Share of the page width given to the side panel. */
  sidePanel: number;
}

export const NAME_COLUMN_LIMITS = { min: 0.12, max: 0.7 } as const;
export const SIDE_PANEL_LIMITS = { min: 0.2, max: 0.7 } as const;
export const LAYOUT_STORAGE_KEY = 'tracelens-trace-layout';
const DEFAULTS: TraceLayoutPrefs = { nameColumn: 0.3, detailsMode: 'side', sidePanel: 0.36 };

const clamp = (v: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, v));

export function readLayoutPrefs(): TraceLayoutPrefs {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(LAYOUT_STORAGE_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return DEFAULTS;
    const s = saved as Partial<Record<keyof TraceLayoutPrefs, unknown>>;
    return {
      nameColumn:
        typeof s.nameColumn === 'number' ? clamp(s.nameColumn, NAME_COLUMN_LIMITS) : DEFAULTS.nameColumn,
      detailsMode:
        s.detailsMode === 'inline' || s.detailsMode === 'side' ? s.detailsMode : DEFAULTS.detailsMode,
      sidePanel: typeof s.sidePanel === 'number' ? clamp(s.sidePanel, SIDE_PANEL_LIMITS) : DEFAULTS.sidePanel,
    };
  } catch {
    // Unreadable or blocked storage: start from the defaults.
    return DEFAULTS;
  }
}

interface LayoutState extends TraceLayoutPrefs {
  setNameColumn(share: number): void;
  setDetailsMode(mode: DetailsMode): void;
  setSidePanel(share: number): void;
}

export const useTraceLayout = create<LayoutState>((set, get) => {
  const save = (patch: Partial<TraceLayoutPrefs>) => {
    set(patch);
    const { nameColumn, detailsMode, sidePanel } = get();
    try {
      window.localStorage.setItem(LAYOUT_STORAGE_KEY, JSON.stringify({ nameColumn, detailsMode, sidePanel }));
    } catch {
      // The choice still holds for this session.
    }
  };
  return {
    ...readLayoutPrefs(),
    setNameColumn: (share) => save({ nameColumn: clamp(share, NAME_COLUMN_LIMITS) }),
    setDetailsMode: (detailsMode) => save({ detailsMode }),
    setSidePanel: (share) => save({ sidePanel: clamp(share, SIDE_PANEL_LIMITS) }),
  };
});
