import { INSIGHT_KINDS, INSIGHT_LABELS } from '../../../../core/insights/insight';
import type { TraceSummary } from '../../../../core/trace/summary';
import { useInsightTally } from './searchInsights';
import './insightsBadge.css';

/** "2 insights" on a search result, naming the kinds for the pointer (title) and screen readers. */
export function InsightsBadge({ summary }: { summary: TraceSummary }) {
  const tally = useInsightTally(summary);
  if (!tally) return null;
  const kinds = INSIGHT_KINDS.filter((kind) => (tally[kind] ?? 0) > 0);
  const count = kinds.reduce((sum, kind) => sum + (tally[kind] ?? 0), 0);
  if (count === 0) return null;
  const named = kinds
    .map((kind) => {
      const n = tally[kind] ?? 0;
      return n > 1 ? `${INSIGHT_LABELS[kind]} ×${n}` : INSIGHT_LABELS[kind];
    })
    .join(', ');
  return (
    <span className="result__insights num" title={named}>
      {count === 1 ? '1 insight' : `${count} insights`}
      <span className="visually-hidden">: {named}</span>
    </span>
  );
}
