/** What the results column says when it has no results to show, or cannot show them. */
import { EmptyView, ErrorView, LoadingView } from '../../components/StatusViews';
import { NoServicesView } from './NoServicesView';
import { describeSearch, type SearchUrlState } from './searchUrl';

export function SearchHints() {
  return (
    <EmptyView title="Find traces">
      <p>Choose a service and a time range, then press Find traces. To narrow the search:</p>
      <ul className="onboarding-list">
        <li>
          Attributes in logfmt, all of which must match: <code>http.status_code=500 error=true</code>
        </li>
        <li>
          Quote values with spaces: <code>db.statement=&quot;select * from users&quot;</code>
        </li>
        <li>
          Durations in Go syntax: <code>100ms</code>, <code>1.2s</code>, <code>1m30s</code>
        </li>
      </ul>
      <p>Or open a Jaeger or OTLP JSON file: drop it on this page, or use Open file.</p>
    </EmptyView>
  );
}

interface NoResultsProps {
  state: SearchUrlState;
}

export function NoResultsView({ state }: NoResultsProps) {
  return (
    <EmptyView title={`No traces found ${describeSearch(state)}`}>
      <p>
        Try a longer lookback or fewer filters, or check that {state.service ?? 'your services'} sends spans
        to this backend: new spans can take a few seconds to become searchable.
      </p>
    </EmptyView>
  );
}

interface ProblemProps {
  title: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function SearchProblem({ title, message, onRetry, retrying }: ProblemProps) {
  return <ErrorView title={title} message={message} onRetry={onRetry} retrying={retrying} />;
}

export function Searching({ state }: { state: SearchUrlState }) {
  return <LoadingView label={`Searching traces ${describeSearch(state)}…`} />;
}

export { NoServicesView };
