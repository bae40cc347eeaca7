/** Loading two traces takes seconds when they are big: say where each one is, then the alignment. */
import { formatBytes } from '../../../format/bytes';
import type { ComparisonProgress, SideProgress } from './compareProgress';

function describe(progress: SideProgress): string {
  switch (progress.stage) {
    case 'waiting':
      return 'Requesting…';
    case 'downloading':
      return progress.totalBytes
        ? `Downloading ${formatBytes(progress.receivedBytes)} of ${formatBytes(progress.totalBytes)}…`
        : `Downloading ${formatBytes(progress.receivedBytes)}…`;
    case 'parsing':
      return `Parsing ${formatBytes(progress.bytes)}…`;
    case 'indexing':
      return 'Indexing spans…';
    case 'indexed':
      return 'Ready';
  }
}

function fractionOf(progress: SideProgress): number | null {
  if (progress.stage === 'indexed') return 1;
  if (progress.stage === 'downloading' && progress.totalBytes)
    return progress.receivedBytes / progress.totalBytes;
  return null;
}

function SideRow({ side, traceId, progress }: { side: 'A' | 'B'; traceId: string; progress: SideProgress }) {
  const text = describe(progress);
  const fraction = fractionOf(progress);
  return (
    <li className="compare-loading__side">
      <span className="compare-loading__name">
        Trace {side} <code>{traceId}</code>
      </span>
      <span
        className="compare-loading__bar"
        role="progressbar"
        aria-label={`Trace ${side}: ${text}`}
        aria-valuemin={fraction === null ? undefined : 0}
        aria-valuemax={fraction === null ? undefined : 100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <span
          className={fraction === null ? 'compare-loading__fill is-busy' : 'compare-loading__fill'}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </span>
      <span className="compare-loading__text num">{text}</span>
    </li>
  );
}

interface CompareLoadingViewProps {
  traceIds: { a: string; b: string };
  progress: ComparisonProgress;
}

export function CompareLoadingView({ traceIds, progress }: CompareLoadingViewProps) {
  return (
    <div className="compare-loading" role="status">
      <p className="compare-loading__title">
        {progress.aligning ? 'Aligning the two traces…' : 'Loading both traces…'}
      </p>
      <ol className="compare-loading__sides">
        <SideRow side="A" traceId={traceIds.a} progress={progress.a} />
        <SideRow side="B" traceId={traceIds.b} progress={progress.b} />
      </ol>
    </div>
  );
}
