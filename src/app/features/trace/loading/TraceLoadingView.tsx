import { formatBytes } from '../../../format/bytes';
import { LoadBar } from './LoadBar';
import './loading.css';
import type { LoadProgress } from './loadProgress';

const STEPS = [
  { stage: 'downloading', label: 'Download' },
  { stage: 'parsing', label: 'Parse' },
  { stage: 'indexing', label: 'Index' },
  { stage: 'analysing', label: 'Analyse' },
] as const;

function describe(progress: LoadProgress | undefined): string {
  if (!progress) return 'Requesting the trace…';
  const { receivedBytes, totalBytes } = progress;
  switch (progress.stage) {
    case 'downloading':
      return totalBytes
        ? `Downloading ${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)}…`
        : `Downloading ${formatBytes(receivedBytes)}…`;
    case 'parsing':
      return `Parsing ${formatBytes(receivedBytes)}…`;
    case 'indexing':
      return 'Indexing spans…';
    case 'analysing':
      return 'Finding the critical path…';
  }
}

/** The bar, the sentence and the steps of a trace's load (also under the first-rows preview). */
export function LoadProgressSteps({ progress }: { progress?: LoadProgress }) {
  const text = describe(progress);
  const current = STEPS.findIndex((s) => s.stage === (progress?.stage ?? 'downloading'));
  const fraction =
    progress?.stage === 'downloading' && progress.totalBytes
      ? progress.receivedBytes / progress.totalBytes
      : null;
  return (
    <>
      <LoadBar label={text} fraction={fraction} />
      <p className="trace-loading__text num">{text}</p>
      <ol className="trace-loading__steps" aria-label="Steps">
        {STEPS.map((step, i) => (
          <li
            key={step.stage}
            className={i < current ? 'is-done' : i === current ? 'is-current' : undefined}
            aria-current={i === current ? 'step' : undefined}
          >
            {step.label}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Loading a big trace takes seconds: say which step it is at and how many bytes have arrived. */
export function TraceLoadingView({ traceId, progress }: { traceId: string; progress?: LoadProgress }) {
  return (
    <div className="trace-loading" role="status">
      <p className="trace-loading__title">
        Loading trace <code>{traceId}</code>
      </p>
      <LoadProgressSteps progress={progress} />
    </div>
  );
}
