/**
 * Trace statistics: spans grouped by service, operation or any attribute, optionally
 * sub-grouped, with counts, durations, exact self time and errors; sortable by every column,
 * exportable as CSV. The grouping is in the URL, so a shared link shows the same table.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type {
  SpanGrouping,
  StatisticsColumns,
  TraceStatistics,
} from '../../../../../core/analysis/statistics';
import { statisticsCsv } from '../../../../../core/analysis/statisticsCsv';
import {
  STATISTICS,
  statisticValue,
  type StatisticsSortKey,
} from '../../../../../core/analysis/statisticsColumns';
import { formatDuration } from '../../../../format/duration';
import { serviceColorOf } from '../../../../theme/servicePalette';
import { useTraceView } from '../../state/traceViewStore';
import { saveFile } from '../shared/saveFile';
import { ServiceCell, TextCell } from '../shared/spanCells';
import { useAnalysis } from '../shared/useAnalysis';
import { VirtualGrid, type GridColumn, type GridRowInfo } from '../shared/VirtualGrid';
import type { TraceViewProps } from '../traceViews';
import { GroupingControls } from './GroupingControls';
import {
  formatPercent,
  groupingFromParam,
  groupingHeading,
  groupingToParam,
  statisticsRows,
  type StatisticsSort,
} from './statisticsModel';
import '../shared/virtualGrid.css';
import './statistics.css';

const DEFAULT_GROUPING: SpanGrouping = { by: 'service' };
const NONE_EXPANDED: ReadonlySet<number> = new Set();
/** Narrowest width of a figure column that still shows its whole heading, in pixels. */
const FIGURE_WIDTH: Partial<Record<string, number>> = {
  count: 72,
  errors: 72,
  selfTotal: 96,
  selfPercent: 128,
};

function formatFigure(value: number, unit: 'count' | 'us' | 'percent'): string {
  if (unit === 'us') return formatDuration(value);
  if (unit === 'percent') return formatPercent(value);
  return value.toLocaleString();
}

export default function StatisticsView(_props: TraceViewProps) {
  const skeleton = useTraceView((s) => s.skeleton);
  const [params, setParams] = useSearchParams();
  const grouping = groupingFromParam(params.get('group')) ?? DEFAULT_GROUPING;
  const subCandidate = groupingFromParam(params.get('sub'));
  const subGrouping =
    subCandidate && groupingToParam(subCandidate) !== groupingToParam(grouping) ? subCandidate : null;
  const [sort, setSort] = useState<StatisticsSort>({ key: 'total', descending: true });
  // Colours are handed out in first-seen order: ask in the trace's order, as the timeline does.
  const colorOf = useMemo(() => {
    const colors = new Map(skeleton.services.map((name) => [name, serviceColorOf(name)]));
    return (name: string) => colors.get(name) ?? serviceColorOf(name);
  }, [skeleton]);

  const stats = useAnalysis('statistics', { groupBy: grouping, subGroupBy: subGrouping });
  const [wantKeys, setWantKeys] = useState(false);
  const keys = useAnalysis('attributeKeys', wantKeys ? {} : null);
  const data = stats.data;
  // Expansion belongs to one table: a new grouping starts folded.
  const [expansion, setExpansion] = useState<{ of: TraceStatistics | null; groups: Set<number> }>({
    of: null,
    groups: new Set(),
  });
  const expanded = useMemo(
    (): ReadonlySet<number> => (expansion.of === data ? expansion.groups : NONE_EXPANDED),
    [expansion, data],
  );
  const toggle = useCallback(
    (g: number, open?: boolean) => {
      const next = new Set(expansion.of === data ? expansion.groups : []);
      if (open ?? !next.has(g)) next.add(g);
      else next.delete(g);
      setExpansion({ of: data, groups: next });
    },
    [expansion, data],
  );

  const setParam = (name: 'group' | 'sub', value: string) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (value) out.set(name, value);
        else out.delete(name);
        if (name === 'group' && out.get('sub') === value) out.delete('sub');
        return out;
      },
      { replace: true },
    );

  const rows = useMemo(() => (data ? statisticsRows(data, sort, expanded) : null), [data, sort, expanded]);
  const hasSubs = data?.subGroups != null;
  const count = rows?.group.length ?? 0;

  const columns = useMemo((): GridColumn[] => {
    if (!data || !rows) return [];
    const { groups, subGroups } = data;
    const columnsOf = (p: number): [StatisticsColumns, number] =>
      rows.sub[p] >= 0 && subGroups ? [subGroups, rows.sub[p]] : [groups, rows.group[p]];
    const labelCell = (label: string | null, by: SpanGrouping): ReactNode => {
      if (label === null) return <TextCell text={`without ${groupingHeading(by)}`} muted />;
      if (by.by === 'service') return <ServiceCell name={label} color={colorOf(label)} />;
      return <TextCell text={label} />;
    };
    const name: GridColumn = {
      id: 'label',
      label: subGrouping
        ? `${groupingHeading(grouping)} / ${groupingHeading(subGrouping)}`
        : groupingHeading(grouping),
      width: 'minmax(220px, 3fr)',
      minWidth: 220,
      sortable: true,
      render: (p) => {
        const g = rows.group[p];
        if (rows.sub[p] >= 0 && subGroups && subGrouping) {
          return (
            <span className="stats-label stats-label--sub">
              {labelCell(subGroups.labels[rows.sub[p]], subGrouping)}
            </span>
          );
        }
        const open = expanded.has(g);
        return (
          <span className="stats-label">
            {hasSubs && (
              <button
                type="button"
                className="stats-toggle"
                tabIndex={-1}
                aria-label={`${open ? 'Collapse' : 'Expand'} ${groups.labels[g] ?? 'spans without a value'}`}
                aria-expanded={open}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(g);
                }}
              >
                <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
                  <path
                    d={open ? 'M1.5 3 5 7 8.5 3' : 'M3 1.5 7 5 3 8.5'}
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.6"
                  />
                </svg>
              </button>
            )}
            {labelCell(groups.labels[g], grouping)}
          </span>
        );
      },
    };
    const figures = STATISTICS.map((s): GridColumn => ({
      id: s.key,
      label: s.label,
      description: s.description,
      width: `minmax(${FIGURE_WIDTH[s.key] ?? 88}px, 1fr)`,
      minWidth: FIGURE_WIDTH[s.key] ?? 88,
      numeric: true,
      sortable: true,
      render: (p) => {
        const [columnsAt, i] = columnsOf(p);
        const value = statisticValue(columnsAt, i, s.key, data.traceDurationUs);
        const text = formatFigure(value, s.unit);
        return s.key === 'errors' && value > 0 ? <span className="vgrid__error">{text}</span> : text;
      },
    }));
    return [name, ...figures];
  }, [data, rows, grouping, subGrouping, hasSubs, expanded, toggle, colorOf]);

  const footer = useMemo(() => {
    if (!data) return undefined;
    return [
      <span key="label" className="stats-label">
        All spans
      </span>,
      ...STATISTICS.map((s) =>
        formatFigure(statisticValue(data.totals, 0, s.key, data.traceDurationUs), s.unit),
      ),
    ];
  }, [data]);

  const rowInfo = useCallback(
    (p: number): GridRowInfo => {
      if (!rows) return {};
      if (!hasSubs) return { className: 'vgrid__row--static' };
      if (rows.sub[p] >= 0) return { level: 2, className: 'vgrid__row--static stats-row--sub' };
      return { level: 1, expanded: expanded.has(rows.group[p]) };
    },
    [rows, hasSubs, expanded],
  );
  const onRowKey = useCallback(
    (key: string, p: number) => {
      if (!rows || !hasSubs || (key !== 'ArrowRight' && key !== 'ArrowLeft')) return false;
      if (rows.sub[p] < 0) toggle(rows.group[p], key === 'ArrowRight');
      return true;
    },
    [rows, hasSubs, toggle],
  );
  const onActivate = useCallback(
    (p: number) => {
      if (rows && hasSubs && rows.sub[p] < 0) toggle(rows.group[p]);
    },
    [rows, hasSubs, toggle],
  );
  const onSort = useCallback((key: string) => {
    setSort((s) =>
      s.key === key
        ? { key, descending: !s.descending }
        : { key: key as StatisticsSortKey, descending: key !== 'label' },
    );
  }, []);

  const exportCsv = () => {
    if (!data) return;
    const csv = statisticsCsv(data, {
      group: groupingHeading(grouping),
      subGroup: subGrouping ? groupingHeading(subGrouping) : '',
      missing: (heading) => `(no ${heading})`,
    });
    const by = [grouping, subGrouping].flatMap((g) => (g ? [groupingHeading(g)] : [])).join('-');
    // A byte-order mark makes spreadsheet programs read the µ of the headings as UTF-8.
    saveFile(
      ['\ufeff', csv],
      `trace-${skeleton.traceId.slice(0, 8)}-statistics-by-${by}.csv`.replace(/[^\w.-]+/g, '_'),
      'text/csv;charset=utf-8',
    );
  };

  const groupCount = data?.groups.labels.length ?? 0;
  const allGroups = data ? Array.from({ length: groupCount }, (_, g) => g) : [];
  return (
    <section
      className="analysis-view"
      aria-label="Trace statistics"
      data-view-ready={data ? 'true' : undefined}
    >
      <div className="analysis-toolbar">
        <GroupingControls
          group={groupingToParam(grouping)}
          sub={subGrouping ? groupingToParam(subGrouping) : ''}
          keys={keys.data}
          onGroup={(v) => setParam('group', v)}
          onSub={(v) => setParam('sub', v)}
          onWantKeys={() => setWantKeys(true)}
        />
        {hasSubs && (
          <span className="analysis-toolbar__field">
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setExpansion({ of: data, groups: new Set(allGroups) })}
            >
              Expand all
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setExpansion({ of: data, groups: new Set() })}
            >
              Collapse all
            </button>
          </span>
        )}
        <span className="analysis-toolbar__status" role="status">
          {data
            ? `${groupCount.toLocaleString()} ${groupCount === 1 ? 'group' : 'groups'} · ${skeleton.spanCount.toLocaleString()} spans · trace ${formatDuration(skeleton.traceDurationUs)}${stats.pending ? ' · updating…' : ''}`
            : 'Computing statistics…'}
        </span>
        <div className="analysis-toolbar__end">
          <button type="button" className="btn btn--small" onClick={exportCsv} disabled={!data}>
            Export CSV
          </button>
        </div>
        {stats.error && (
          <p className="analysis-toolbar__error" role="alert">
            Could not compute the statistics: {stats.error}. Reload the page to try again.
          </p>
        )}
      </div>
      <VirtualGrid
        label="Trace statistics"
        role={hasSubs ? 'treegrid' : 'grid'}
        columns={columns}
        count={count}
        keyOf={(p) => (rows ? `${rows.group[p]}:${rows.sub[p]}` : p)}
        sort={{ column: sort.key, descending: sort.descending }}
        onSort={onSort}
        onActivate={onActivate}
        onRowKey={onRowKey}
        rowInfo={rowInfo}
        footer={footer}
        version={data}
        empty={data && <div className="vgrid__empty">This trace has no spans.</div>}
      />
    </section>
  );
}
