/**
 * The trace as JSON: the body exactly as the backend (or a file) delivered it, or the trace as
 * Tracelens read it written back as Jaeger or OTLP JSON. Pretty-printed a screenful of lines at
 * a time from the worker, so a 70 MB trace opens as fast as a small one; download and copy give
 * the whole document.
 */
import { useState } from 'react';
import type { JsonSource } from '../../../../workers/analyses/jsonAnalysis';
import { formatBytes } from '../../../../format/bytes';
import { useTraceView } from '../../state/traceViewStore';
import { useRowWindow } from '../../useRowWindow';
import { saveFile } from '../shared/saveFile';
import type { TraceViewProps } from '../traceViews';
import { highlightJson } from './jsonTokens';
import { useJsonLines } from './useJsonLines';
import { useJsonOutline } from './useJsonOutline';
import '../shared/virtualGrid.css';
import './json.css';

const LINE_HEIGHT = 18;
/** Above this the document is called large and shown with a note on how to work with it. */
const LARGE_BYTES = 5_000_000;
/** The clipboard is no place for more; the download is. */
const MAX_COPY_BYTES = 20_000_000;

const SOURCES: readonly { id: JsonSource; label: string; description: string; file: string }[] = [
  {
    id: 'received',
    label: 'As received',
    description: 'The response body exactly as the backend sent it.',
    file: 'received',
  },
  {
    id: 'jaeger',
    label: 'Adjusted · Jaeger',
    description: 'The trace as Tracelens read it, written back in the Jaeger query API format.',
    file: 'jaeger',
  },
  {
    id: 'otlp',
    label: 'Adjusted · OTLP',
    description:
      'The trace as Tracelens read it, written as OTLP/JSON (what an OTLP /v1/traces endpoint takes).',
    file: 'otlp',
  },
];

type CopyState = 'idle' | 'copying' | 'copied' | 'failed';

export default function JsonView(_props: TraceViewProps) {
  const handle = useTraceView((s) => s.handle);
  const traceId = useTraceView((s) => s.skeleton.traceId);
  const [source, setSource] = useState<JsonSource>('received');
  const { outline, error } = useJsonOutline(source);
  const current = SOURCES.find((s) => s.id === source) ?? SOURCES[0];
  const lineCount = outline ? outline.lineCount : null;
  const complete = outline?.complete ?? false;
  const list = useRowWindow({
    count: lineCount ?? 0,
    rowHeight: LINE_HEIGHT,
    overscan: 40,
    tallIndex: -1,
    tallEstimate: 0,
  });
  const { scrollRef, rows, totalHeight } = list;
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  const lineAt = useJsonLines(source, lineCount, complete, first, last);
  const [copy, setCopy] = useState<CopyState>('idle');
  const [busy, setBusy] = useState(false);

  const bytes = outline?.byteLength ?? 0;
  const firstShown = lineCount !== null && (lineCount === 0 || lineAt(first) !== null);
  const fileName = `trace-${traceId}-${current.file}.json`;

  const download = async () => {
    setBusy(true);
    try {
      const body = await handle.analyse('jsonBytes', { source });
      saveFile([body], fileName, 'application/json');
    } finally {
      setBusy(false);
    }
  };
  const copyAll = async () => {
    setCopy('copying');
    try {
      const body = await handle.analyse('jsonBytes', { source });
      await navigator.clipboard.writeText(new TextDecoder().decode(body));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  const gutter = `${String(lineCount ?? 0).length + 1}ch`;
  return (
    <section
      className="analysis-view json-view"
      aria-label="Trace JSON"
      data-view-ready={firstShown ? 'true' : undefined}
    >
      <div className="analysis-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Which JSON</legend>
          {SOURCES.map((s) => (
            <label key={s.id} className="segmented__option" title={s.description}>
              <input
                type="radio"
                name="json-source"
                value={s.id}
                checked={source === s.id}
                onChange={() => {
                  setSource(s.id);
                  setCopy('idle');
                  const el = scrollRef.current;
                  if (el) el.scrollTop = 0;
                }}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <span className="analysis-toolbar__status" role="status">
          {outline
            ? complete
              ? `${formatBytes(bytes)} · ${outline.lineCount.toLocaleString()} lines`
              : `${formatBytes(bytes)} · indexing lines, ${Math.floor((outline.indexedBytes / Math.max(1, bytes)) * 100)} %…`
            : source === 'received'
              ? 'Indexing the JSON…'
              : 'Writing the trace as JSON…'}
        </span>
        <div className="analysis-toolbar__end">
          <button type="button" className="btn btn--small" onClick={download} disabled={busy || !outline}>
            {busy ? 'Preparing…' : 'Download JSON'}
          </button>
          <button
            type="button"
            className="btn btn--small"
            onClick={copyAll}
            disabled={!outline || bytes > MAX_COPY_BYTES || copy === 'copying'}
            title={
              bytes > MAX_COPY_BYTES
                ? `Too large to copy (${formatBytes(bytes)}): download it instead`
                : undefined
            }
          >
            {copy === 'copied' ? 'Copied' : 'Copy JSON'}
          </button>
          <span className="visually-hidden" role="status">
            {copy === 'copied'
              ? 'Copied the JSON'
              : copy === 'failed'
                ? 'Could not copy; download it instead'
                : ''}
          </span>
        </div>
        <p className="json-view__note">
          {current.description}
          {bytes > LARGE_BYTES &&
            ` This document is ${formatBytes(bytes)}: it is shown a screenful at a time, and very long lines are cut. Download it to search or edit it in full.`}
        </p>
        {error && (
          <p className="analysis-toolbar__error" role="alert">
            Could not show the JSON: {error}
          </p>
        )}
      </div>
      <div
        className="json-view__scroll"
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label={`${current.label} JSON, ${complete ? `${(lineCount ?? 0).toLocaleString()} lines` : 'indexing lines'}`}
        style={{ ['--json-gutter' as string]: gutter }}
      >
        <div className="json-view__lines" style={{ height: totalHeight }}>
          {rows.map((v) => {
            const line = lineAt(v.index);
            return (
              <div
                key={v.index}
                className={line ? 'json-line' : 'json-line json-line--pending'}
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <span className="json-line__number" aria-hidden="true">
                  {v.index + 1}
                </span>
                {line && (
                  <span className="json-line__text" style={{ paddingLeft: `${line.depth * 2}ch` }}>
                    {highlightJson(line.text)}
                    {line.omittedBytes > 0 && (
                      <span className="json-line__cut">
                        {' '}
                        … {formatBytes(line.omittedBytes)} more (download to see all)
                      </span>
                    )}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
