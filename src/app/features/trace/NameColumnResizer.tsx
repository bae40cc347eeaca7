import { NAME_COLUMN_LIMITS, useTraceLayout } from './traceLayoutPrefs';
import { useShareResizer } from './useShareResizer';

/**
 * The drag handle between the name column and the timeline; also a keyboard separator
 * (arrows by 1 %, Shift by 5 %, Home/End to the limits). The width is remembered.
 */
export function NameColumnResizer() {
  const share = useTraceLayout((s) => s.nameColumn);
  const setShare = useTraceLayout((s) => s.setNameColumn);
  const handle = useShareResizer({
    share,
    setShare,
    limits: NAME_COLUMN_LIMITS,
    rightGrows: true,
    shareAt: (event) => {
      const rect = event.currentTarget.closest('.waterfall')?.getBoundingClientRect();
      return rect && rect.width > 0 ? (event.clientX - rect.left) / rect.width : null;
    },
  });
  return <div className="wf-resizer" aria-label="Resize the service and operation column" {...handle} />;
}
