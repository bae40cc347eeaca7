import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/apiError';
import { EmptyView, ErrorView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { TraceLoadingView } from './loading/TraceLoadingView';
import { TraceHeadPreview } from './loading/TraceHeadPreview';
import { useTraceHead, useTraceLoadProgress } from './loading/loadProgress';
import { useLoadedTrace } from './loading/useLoadedTrace';
import { traceTitle } from './traceTitle';
import { TraceView } from './TraceView';

export function TracePage() {
  const { id = '' } = useParams();
  const trace = useLoadedTrace(id);
  const progress = useTraceLoadProgress(id);
  const head = useTraceHead(id);
  const summary = trace.data?.skeleton.summary;
  useDocumentTitle(summary ? `${traceTitle(summary)} (${id.slice(0, 7)})` : `Trace ${id.slice(0, 7)}`);

  if (trace.isPending) {
    return (
      <div className="page">
        <h1 className="visually-hidden">Trace {id}</h1>
        {head ? (
          <TraceHeadPreview head={head} progress={progress} />
        ) : (
          <TraceLoadingView traceId={id} progress={progress} />
        )}
      </div>
    );
  }
  if (trace.isError) {
    if (isApiError(trace.error) && trace.error.isNotFound) {
      return (
        <div className="page">
          <h1 className="visually-hidden">Trace not found</h1>
          <EmptyView title="Trace not found">
            <p>
              Trace <code>{id}</code> was not found. It may have been evicted from the store or never sent.
            </p>
            <p>
              <Link to="/search">Search for traces</Link>
            </p>
          </EmptyView>
        </div>
      );
    }
    return (
      <div className="page">
        <h1 className="visually-hidden">Trace {id}</h1>
        <ErrorView
          title="Could not load the trace"
          message={trace.error.message}
          onRetry={() => void trace.refetch()}
          retrying={trace.isFetching}
        />
      </div>
    );
  }
  // Keyed by trace so that every piece of view state starts afresh when another trace opens.
  return <TraceView key={trace.data.skeleton.traceId} handle={trace.data} />;
}
