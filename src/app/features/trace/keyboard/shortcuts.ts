/** Jaeger UI's trace-page shortcut map (keyboard-mappings.ts), plus `/`, Ctrl+F and `?`. */
export interface Shortcut {
  keys: string[];
  description: string;
}

export const SHORTCUT_GROUPS: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Find',
    shortcuts: [
      { keys: ['/'], description: 'Focus the find box' },
      { keys: ['Ctrl', 'F'], description: 'Focus the find box' },
      { keys: ['Ctrl', 'B'], description: 'Focus the find box (as in Jaeger UI)' },
      { keys: ['Enter'], description: 'Next match (in the find box)' },
      { keys: ['Shift', 'Enter'], description: 'Previous match (in the find box)' },
      { keys: ['F'], description: 'Next match' },
      { keys: ['B'], description: 'Previous match' },
      { keys: ['Esc'], description: 'Clear the find box, then close the span details' },
    ],
  },
  {
    title: 'Scroll and zoom',
    shortcuts: [
      { keys: ['S'], description: 'Scroll down a page' },
      { keys: ['W'], description: 'Scroll up a page' },
      { keys: ['A'], description: 'Pan left (←, Shift for more)' },
      { keys: ['D'], description: 'Pan right (→, Shift for more)' },
      { keys: ['↑'], description: 'Zoom in (Shift for more)' },
      { keys: ['↓'], description: 'Zoom out (Shift for more)' },
      { keys: ['0'], description: 'Reset the zoom' },
    ],
  },
  {
    title: 'Tree',
    shortcuts: [
      { keys: [']'], description: 'Collapse all' },
      { keys: ['['], description: 'Expand all' },
      { keys: ['P'], description: 'Collapse one level' },
      { keys: ['O'], description: 'Expand one level' },
      { keys: ['→', '←'], description: 'On a row: expand / collapse, or step into / out of it' },
      { keys: ['Enter'], description: 'On a row: open or close its details' },
    ],
  },
  { title: 'Help', shortcuts: [{ keys: ['?'], description: 'Show this list' }] },
];
