import { useMemo, useState } from 'react';
import { isApiError } from '../../api/apiError';
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { AddServiceForm } from './AddServiceForm';
import { useObservedRates, useSamplingState } from './samplingApi';
import type { ObservedService } from './samplingModel';
import { SamplingTable } from './SamplingTable';
import type { EditTarget } from './StrategyEditor';
import './sampling.css';

const PERIOD = 'last 5 minutes';

interface Notice {
  message: string;
  warnings: string[];
}

/** Plain Jaeger keeps strategies in a file with no API: say so instead of showing a bare 404. */
function NeedsTracelens() {
  return (
    <EmptyView title="Sampling needs the Tracelens backend">
      <p>
        This backend has no sampling API (<code>api/sampling/strategies</code> answered 404). Jaeger serves
        remote sampling strategies to SDKs from a file, but offers no way to read or change them over HTTP.
      </p>
      <p>
        Run the Tracelens all-in-one to see and edit strategies here; it answers SDKs on Jaeger&apos;s remote
        sampling endpoint, so instrumented services need no change.
      </p>
    </EmptyView>
  );
}

export function SamplingPage() {
  useDocumentTitle('Sampling');
  const state = useSamplingState();
  const observed = useObservedRates(state.isSuccess);
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [added, setAdded] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const rates = useMemo(
    () =>
      observed.data
        ? new Map<string, ObservedService>(observed.data.services.map((s) => [s.service, s]))
        : undefined,
    [observed.data],
  );

  function body() {
    if (state.isPending) return <LoadingView label="Loading sampling strategies…" />;
    if (state.isError) {
      if (isApiError(state.error) && state.error.isNotFound) return <NeedsTracelens />;
      return (
        <ErrorView
          title="Could not load the sampling strategies"
          message={state.error.message}
          onRetry={() => void state.refetch()}
          retrying={state.isFetching}
        />
      );
    }
    const { file } = state.data;
    return (
      <>
        <p className="sampling-page__storage">
          {file ? (
            <>
              Saved to <code>{file}</code>; edits made to that file are applied within seconds too.
            </>
          ) : (
            <>
              Kept in memory: edits last until the backend restarts. Start it with{' '}
              <code>--sampling-strategies-file</code> to keep them.
            </>
          )}
        </p>
        {observed.isError && (
          <p className="sampling-page__warning" role="status">
            Observed rates are not available: {observed.error.message}
          </p>
        )}
        <SamplingTable
          state={state.data}
          observed={rates}
          period={PERIOD}
          added={added}
          editing={editing}
          onEdit={(target) => {
            setEditing(target);
            if (target) setNotice(null);
          }}
          onSaved={(message, warnings) => setNotice({ message, warnings })}
        />
        <AddServiceForm
          onAdd={(service) => {
            if (!state.data.services.some((s) => s.service === service)) {
              setAdded((list) => (list.includes(service) ? list : [...list, service]));
            }
            setNotice(null);
            setEditing({ kind: 'service', service });
          }}
        />
      </>
    );
  }

  return (
    <div className="page sampling-page">
      <header className="sampling-page__header">
        <h1>Sampling</h1>
        <p className="sampling-page__intro">
          The strategies your services&apos; SDKs fetch from the remote sampling endpoint (Jaeger&apos;s
          protocol, port 5778 or <code>/api/sampling?service=</code> here). A change applies at each
          SDK&apos;s next poll, without restarting anything; the observed rates show its effect.
        </p>
      </header>
      {/* Always in the document, so the confirmation is announced when it appears. */}
      <div className="sampling-page__notice" role="status">
        {notice && (
          <div className="notice">
            <p>{notice.message}</p>
            {notice.warnings.length > 0 && (
              <ul className="notice__warnings" aria-label="Warnings">
                {notice.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {body()}
    </div>
  );
}
