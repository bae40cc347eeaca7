import { useState } from 'react';
import type { SpanEvent } from '../../../../core/model/trace';
import type { SpanLinkScope } from '../../../config/linkPatterns';
import { formatDuration } from '../../../format/duration';
import { AttributesTable } from './AttributesTable';

const FIRST_EVENTS = 20;

interface SpanEventsProps {
  events: readonly SpanEvent[];
  /** Epoch microseconds of the trace start, to show each event's offset in the trace. */
  traceStartUs: number;
  spanStartUs: number;
  /** What the UI config's `logs`/`events` link patterns may read. */
  linkScope?: SpanLinkScope;
}

/** Events (Jaeger's logs), each at its time from the trace start; the first 20, then on request. */
export function SpanEvents({ events, traceStartUs, spanStartUs, linkScope }: SpanEventsProps) {
  const [all, setAll] = useState(events.length <= FIRST_EVENTS);
  const sorted = [...events].sort((a, b) =>
    a.timeUnixNano < b.timeUnixNano ? -1 : a.timeUnixNano > b.timeUnixNano ? 1 : 0,
  );
  const shown = all ? sorted : sorted.slice(0, FIRST_EVENTS);
  const startNs = BigInt(Math.round(traceStartUs)) * 1000n;
  return (
    <ol className="events">
      {shown.map((event, i) => {
        const atUs = Number(event.timeUnixNano - startNs) / 1000;
        return (
          <li key={i} className="events__item">
            <div className="events__head">
              <span
                className="events__time num"
                title={`${formatDuration(atUs - spanStartUs)} after the span started`}
              >
                {formatDuration(atUs)}
              </span>
              <span className="events__name">{event.name || '(unnamed event)'}</span>
            </div>
            {event.attributes.length > 0 && (
              <AttributesTable
                attributes={event.attributes}
                label={`Attributes of event ${event.name}`}
                links={linkScope && { target: 'events', scope: linkScope }}
              />
            )}
          </li>
        );
      })}
      {!all && (
        <li>
          <button type="button" className="link-button" onClick={() => setAll(true)}>
            Show all {events.length} events
          </button>
        </li>
      )}
    </ol>
  );
}
