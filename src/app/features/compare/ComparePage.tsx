/**
 * Jaeger UI's `/trace/<A>...<B>`: two traces aligned by call path, with what changed between them
 * and which operations explain the end-to-end difference. A is the baseline, B is compared to it.
 */
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyView, ErrorView } from '../../components/StatusViews';
import { useDocumentTitle } from '../../shell/useDocumentTitle';
import { ComparisonError } from './compareError';
import { CompareLoadingView } from './loading/CompareLoadingView';
import { useComparisonProgress } from './loading/compareProgress';
import { useComparison } from './loading/useComparison';
import { CompareResult } from './CompareResult';
import { ComparePicker } from './ComparePicker';
import { canonicalTraceId, cohortOf, compareIdProblem, parseCompareParam } from './compareUrl';
import './compare.css';

function SearchLink() {
  return (
    <p>
      <Link to="/search">Search for traces</Link>, tick two results and press Compare, or enter two trace IDs
      above.
    </p>
  );
}

function ComparisonFailure({
  error,
  ids,
  onRetry,
  retrying,
}: {
  error: Error;
  ids: { a: string; b: string };
  onRetry(): void;
  retrying: boolean;
}) {
  const side = error instanceof ComparisonError ? error.side : null;
  const which = side === null ? null : side.toUpperCase();
  if (error instanceof ComparisonError && error.isNotFound && side !== null) {
    return (
      <EmptyView title={`Trace ${which} was not found`}>
        <p>
          Trace {which}, <code>{ids[side]}</code>, is not in the store. It may have been evicted or never
          sent. Choose another trace for {which} above.
        </p>
        <SearchLink />
      </EmptyView>
    );
  }
  const title = which ? `Could not load trace ${which}` : 'Could not compare the traces';
  return <ErrorView title={title} message={error.message} onRetry={onRetry} retrying={retrying} />;
}

export function ComparePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const sides = parseCompareParam(id);
  const cohort = cohortOf(params);
  const problems = {
    a: sides.a ? compareIdProblem(sides.a) : null,
    b: sides.b ? compareIdProblem(sides.b) : null,
  };
  const valid = sides.a !== '' && sides.b !== '' && !problems.a && !problems.b;
  const ids = valid ? { a: canonicalTraceId(sides.a), b: canonicalTraceId(sides.b) } : { a: '', b: '' };
  const same = valid && ids.a === ids.b;
  const comparison = useComparison(ids.a, ids.b, valid && !same);
  const progress = useComparisonProgress(ids.a, ids.b);
  useDocumentTitle(valid ? `Compare ${ids.a.slice(0, 7)} … ${ids.b.slice(0, 7)}` : 'Compare traces');

  let body: React.ReactNode;
  if (problems.a || problems.b) {
    body = (
      <EmptyView title="These are not trace IDs">
        {(['a', 'b'] as const).map(
          (side) =>
            problems[side] && (
              <p key={side}>
                Trace {side.toUpperCase()}, <code>{sides[side]}</code>: {problems[side]}
              </p>
            ),
        )}
        <p>Correct the IDs above and press Compare.</p>
      </EmptyView>
    );
  } else if (!valid) {
    body = (
      <EmptyView title="Choose two traces to compare">
        <p>
          Trace A is the baseline and trace B is compared with it: operations are matched by their call path,
          and each shows how its count and time changed, and how much of the end-to-end difference it
          explains.
        </p>
        <SearchLink />
      </EmptyView>
    );
  } else if (same) {
    body = (
      <EmptyView title="Both sides are the same trace">
        <p>
          Trace <code>{ids.a}</code> was chosen as A and as B, so nothing can differ. Choose another trace for
          B above.
        </p>
        <SearchLink />
      </EmptyView>
    );
  } else if (comparison.isPending) {
    body = <CompareLoadingView traceIds={ids} progress={progress} />;
  } else if (comparison.isError) {
    body = (
      <ComparisonFailure
        error={comparison.error}
        ids={ids}
        onRetry={() => void comparison.refetch()}
        retrying={comparison.isFetching}
      />
    );
  } else {
    body = <CompareResult diff={comparison.data.diff} timings={comparison.data.timings} traceIds={ids} />;
  }

  return (
    <div className="page compare-page">
      <header className="compare-header">
        <h1 className="compare-header__title">Compare traces</h1>
        <ComparePicker key={id} a={sides.a} b={sides.b} cohort={cohort} />
      </header>
      {body}
    </div>
  );
}
