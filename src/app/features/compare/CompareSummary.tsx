/** Both traces at a glance, the end-to-end change, and the operations that explain it. */
import { Link } from 'react-router';
import { contribution, nodeLabel, percentChange, type PresenceCounts } from '../../../core/diff/diffNodes';
import type { DiffTraceFacts, TraceDiff } from '../../../core/diff/traceDiff';
import { ServiceSwatch } from '../../components/ServiceChip';
import { formatDuration } from '../../format/duration';
import { formatStartTime, isoTime } from '../../format/time';
import { serviceColorOf } from '../../theme/servicePalette';
import { formatDurationChange, formatPercentChange } from './diffFormat';

function TraceCard({ side, facts, traceId }: { side: 'A' | 'B'; facts: DiffTraceFacts; traceId: string }) {
  const name = facts.rootService ? `${facts.rootService}: ${facts.rootOperation}` : 'Trace with no spans';
  return (
    <div className={`compare-trace compare-trace--${side.toLowerCase()}`}>
      <div className="compare-trace__title">
        <span className="compare-trace__side" aria-hidden="true">
          {side}
        </span>
        <span className="visually-hidden">Trace {side}: </span>
        {facts.rootService && <ServiceSwatch color={serviceColorOf(facts.rootService)} />}
        <Link to={`/trace/${traceId}`} className="compare-trace__name">
          {name}
        </Link>
        <code className="compare-trace__id">{traceId}</code>
      </div>
      <dl className="compare-facts">
        <div>
          <dt>Duration</dt>
          <dd className="num">{formatDuration(facts.durationUs)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd className="num">{facts.spanCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={facts.errorCount > 0 ? 'num is-error' : 'num'}>
            {facts.errorCount.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd className="num">{facts.serviceCount}</dd>
        </div>
        {facts.spanCount > 0 && (
          <div>
            <dt>Start</dt>
            <dd>
              <time dateTime={isoTime(facts.startUs)}>{formatStartTime(facts.startUs)}</time>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

interface CompareSummaryProps {
  diff: TraceDiff;
  traceIds: { a: string; b: string };
  presence: PresenceCounts;
  onSelect(node: number): void;
}

export function CompareSummary({ diff, traceIds, presence, onSelect }: CompareSummaryProps) {
  const { a, b } = diff.facts;
  const change = b.durationUs - a.durationUs;
  const verdict = change > 0 ? 'slower' : change < 0 ? 'faster' : 'as fast';
  const top = [...diff.topContributors];
  const largest = top.reduce((m, n) => Math.max(m, Math.abs(contribution(diff, n))), 0);
  return (
    <section className="compare-summary" aria-label="Summary">
      <div className="compare-summary__traces">
        <TraceCard side="A" facts={a} traceId={traceIds.a} />
        <TraceCard side="B" facts={b} traceId={traceIds.b} />
      </div>
      <div className="compare-summary__change">
        <p className="compare-verdict">
          <span className="compare-verdict__label">End to end</span>{' '}
          <strong className={`num compare-verdict__value is-${verdict.replace(' ', '-')}`}>
            {formatDurationChange(change)} ({formatPercentChange(percentChange(a.durationUs, b.durationUs))})
          </strong>{' '}
          <span>B is {verdict === 'as fast' ? 'as fast as A' : `${verdict} than A`}</span>
        </p>
        <p className="compare-summary__nodes">
          {presence.both.toLocaleString()} operations in both · {presence.onlyA.toLocaleString()} only in A ·{' '}
          {presence.onlyB.toLocaleString()} only in B
        </p>
        <div className="compare-contributors">
          <h2 className="compare-contributors__title">Where the time went</h2>
          {top.length === 0 ? (
            <p className="compare-contributors__none">
              No operation’s own time on the critical path changed by more than 1% of the trace: the
              difference is spread thin, or there is none.
            </p>
          ) : (
            <ol className="compare-contributors__list">
              {top.map((node) => {
                const value = contribution(diff, node);
                return (
                  <li key={node}>
                    <button type="button" className="compare-contributor" onClick={() => onSelect(node)}>
                      <span className="compare-contributor__name">{nodeLabel(diff, node)}</span>
                      <span className={`compare-contributor__value num ${value > 0 ? 'is-up' : 'is-down'}`}>
                        {formatDurationChange(value)}
                      </span>
                      <span className="compare-contributor__bar" aria-hidden="true">
                        <span
                          className={value > 0 ? 'is-up' : 'is-down'}
                          style={{ width: `${largest ? (Math.abs(value) / largest) * 100 : 0}%` }}
                        />
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
