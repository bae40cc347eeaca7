/**
 * `/trace/:id` is also Jaeger's compare URL, `/trace/<A>...<B>`: the ID decides which page opens.
 * The compare page loads on first use, so its worker and graph stay out of the main bundle.
 */
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { LoadingView } from './components/StatusViews';
import { isCompareParam } from './features/compare/compareUrl';
import { TracePage } from './features/trace/TracePage';

const ComparePage = lazy(async () => ({
  default: (await import('./features/compare/ComparePage')).ComparePage,
}));

export function TraceOrCompare() {
  const { id = '' } = useParams();
  if (!isCompareParam(id)) return <TracePage />;
  return (
    <Suspense fallback={<LoadingView label="Loading the compare view…" />}>
      <ComparePage />
    </Suspense>
  );
}
