/**
 * Every span event (Jaeger's logs) of the trace in one time-ordered table, each with its span;
 * a row opens that span in the timeline. Rows come from the event times the page already
 * holds, so the table opens at once even with a million events; the text of the events on
 * screen is fetched from the worker as they scroll in, and a text filter searches them all
 * there.
 */
import { useCallback, useMemo, useState } from 'react';
import { eventsByTime, rowOfEvents } from '../../../../../core/analysis/eventText';
import { formatDuration } from '../../../../format/duration';
import { serviceColorOf } from '../../../../theme/servicePalette';
import { useTraceView } from '../../state/traceViewStore';
import { ServicePicker } from '../shared/ServicePicker';
import { ServiceCell, TextCell } from '../shared/spanCells';
import { useAnalysis } from '../shared/useAnalysis';
import { useDebounced } from '../shared/useDebounced';
import { VirtualGrid, type GridColumn } from '../shared/VirtualGrid';
import type { TraceViewProps } from '../traceViews';
import { useEventTexts, type EventText } from './useEventTexts';
import '../shared/virtualGrid.css';

/** Rows of text fetched beyond those rendered, so scrolling a little shows no blanks. */
const TEXT_MARGIN = 60;

export default function EventsView({ onOpenInTimeline }: TraceViewProps) {
  const skeleton = useTraceView((s) => s.skeleton);
  const [text, setText] = useState('');
  const settledText = useDebounced(text, 150).trim();
  const [services, setServices] = useState<number[] | null>(null);
  const [descending, setDescending] = useState(false);
  const [range, setRange] = useState<[number, number]>([0, -1]);
  const colors = useMemo(() => skeleton.services.map(serviceColorOf), [skeleton]);

  const total = skeleton.eventTimesUs.length;
  const rowOf = useMemo(() => rowOfEvents(skeleton.eventOffsets), [skeleton]);
  const byTime = useMemo(() => eventsByTime(skeleton.eventTimesUs), [skeleton]);
  const search = useAnalysis('eventSearch', settledText ? { text: settledText } : null);
  const matches = settledText ? search.data : null;
  const searching = settledText !== '' && (search.pending || matches === null);

  const kept = useMemo(() => {
    if (matches === null && services === null) return byTime;
    const keep = new Uint8Array(total);
    if (matches) for (const e of matches) keep[e] = 1;
    else keep.fill(1);
    const shown = new Uint8Array(skeleton.services.length);
    if (services) for (const s of services) shown[s] = 1;
    else shown.fill(1);
    return byTime.filter((e) => keep[e] === 1 && shown[skeleton.service[rowOf[e]]] === 1);
  }, [byTime, matches, services, total, skeleton, rowOf]);
  const count = kept.length;
  const eventAt = useCallback(
    (position: number) => kept[descending ? count - 1 - position : position],
    [kept, count, descending],
  );

  const wanted = useMemo(() => {
    const out: number[] = [];
    const [first, last] = range;
    for (let p = Math.max(0, first - TEXT_MARGIN); p <= Math.min(count - 1, last + TEXT_MARGIN); p++) {
      out.push(eventAt(p));
    }
    return out;
  }, [range, count, eventAt]);
  const texts = useEventTexts(skeleton, rowOf, wanted);
  const serviceCounts = useMemo(() => {
    const counts = new Int32Array(skeleton.services.length);
    for (let e = 0; e < total; e++) counts[skeleton.service[rowOf[e]]]++;
    return counts;
  }, [skeleton, rowOf, total]);

  const columns = useMemo((): GridColumn[] => {
    const textOf = (p: number): EventText | undefined => texts.get(eventAt(p));
    const pending = <span className="vgrid__muted">…</span>;
    return [
      {
        id: 'time',
        label: 'Time',
        description: 'When the event happened, from the start of the trace',
        width: '96px',
        minWidth: 96,
        numeric: true,
        sortable: true,
        render: (p) => formatDuration(skeleton.eventTimesUs[eventAt(p)]),
      },
      {
        id: 'service',
        label: 'Service',
        width: 'minmax(110px, 1fr)',
        minWidth: 110,
        render: (p) => {
          const service = skeleton.service[rowOf[eventAt(p)]];
          return <ServiceCell name={skeleton.services[service]} color={colors[service]} />;
        },
      },
      {
        id: 'operation',
        label: 'Operation',
        width: 'minmax(150px, 1.5fr)',
        minWidth: 150,
        render: (p) => <TextCell text={skeleton.operations[skeleton.operation[rowOf[eventAt(p)]]]} />,
      },
      {
        id: 'event',
        label: 'Event',
        width: 'minmax(130px, 1.2fr)',
        minWidth: 130,
        render: (p) => {
          const t = textOf(p);
          return t ? <TextCell text={t.name} /> : pending;
        },
      },
      {
        id: 'attributes',
        label: 'Attributes',
        width: 'minmax(220px, 3fr)',
        minWidth: 220,
        render: (p) => {
          const t = textOf(p);
          return t ? <TextCell text={t.attributes} /> : pending;
        },
      },
    ];
  }, [skeleton, rowOf, colors, eventAt, texts]);

  const onActivate = useCallback(
    (position: number) => {
      if (position < count) onOpenInTimeline(rowOf[eventAt(position)]);
    },
    [count, rowOf, eventAt, onOpenInTimeline],
  );
  const onRangeChange = useCallback((first: number, last: number) => setRange([first, last]), []);

  // Ready once the events on screen have their text (or there is nothing to show).
  const firstShown = count === 0 ? !searching : texts.has(eventAt(Math.max(0, range[0])));
  return (
    <section
      className="analysis-view"
      aria-label="Span events"
      data-view-ready={firstShown ? 'true' : undefined}
    >
      <div className="analysis-toolbar">
        <label className="analysis-toolbar__field">
          <span className="visually-hidden">Filter events</span>
          <input
            type="search"
            className="input analysis-filter"
            placeholder="Filter events, attributes, spans"
            value={text}
            onChange={(e) => setText(e.target.value)}
            disabled={total === 0}
          />
        </label>
        <ServicePicker
          services={skeleton.services}
          counts={serviceCounts}
          shown={services}
          onChange={setServices}
        />
        <span className="analysis-toolbar__status" role="status">
          {searching
            ? 'Searching the events…'
            : `${count.toLocaleString()} of ${total.toLocaleString()} ${total === 1 ? 'event' : 'events'}`}
        </span>
        {search.error && (
          <p className="analysis-toolbar__error" role="alert">
            Could not search the events: {search.error}. Reload the page to try again.
          </p>
        )}
      </div>
      <VirtualGrid
        label="Span events"
        columns={columns}
        count={count}
        keyOf={eventAt}
        sort={{ column: 'time', descending }}
        onSort={() => setDescending((d) => !d)}
        onActivate={onActivate}
        onRangeChange={onRangeChange}
        version={kept}
        empty={
          !searching && (
            <div className="vgrid__empty">
              {total === 0 ? (
                <p>
                  No span in this trace has events. Instrumentation records them with{' '}
                  <code>span.addEvent()</code> (OpenTelemetry) or span logs (OpenTracing); exceptions are
                  recorded as events too.
                </p>
              ) : (
                <p>No event matches this filter.</p>
              )}
            </div>
          )
        }
      />
    </section>
  );
}
