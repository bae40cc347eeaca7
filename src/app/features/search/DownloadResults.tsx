import { useState } from 'react';
import { saveFile } from '../../components/saveFile';
import { downloadResults, resultsFile, resultsFileName } from './downloadResults';

type State = { status: 'idle' } | { status: 'busy'; done: number } | { status: 'failed'; message: string };

/** Saves every listed trace in full as one JSON file, with progress and what went wrong. */
export function DownloadResults({ traceIds }: { traceIds: readonly string[] }) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const total = traceIds.length;
  const start = async () => {
    setState({ status: 'busy', done: 0 });
    const { traces, failures } = await downloadResults(traceIds, (done) =>
      setState({ status: 'busy', done }),
    );
    if (traces.length > 0) saveFile(resultsFile(traces), resultsFileName(new Date()));
    if (failures.length === 0) setState({ status: 'idle' });
    else {
      const first = failures[0];
      const saved = traces.length > 0 ? `The file has the other ${traces.length}. ` : '';
      setState({
        status: 'failed',
        message: `${failures.length} of ${total} traces could not be downloaded (${first.traceId}: ${first.message}). ${saved}Try again when the backend answers.`,
      });
    }
  };
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={state.status === 'busy' || total === 0}
        onClick={() => void start()}
      >
        {state.status === 'busy' ? `Downloading ${state.done} of ${total}…` : 'Download results'}
      </button>
      {state.status === 'failed' && (
        <p className="results__download-problem" role="alert">
          {state.message}
        </p>
      )}
    </>
  );
}
