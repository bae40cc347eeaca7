import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { jaegerTraceId } from '../../../core/model/ids';
import { fileSizeProblem } from '../../../core/upload/fileSize';
import { parseTraceFile, traceFileFormatNames } from '../../../core/upload/traceFile';
import { queryKeys } from '../../api/queryKeys';
import { useUploadedTracesStore } from '../../stores/uploadedTraces';

export interface UploadOutcome {
  fileName: string;
  ok: boolean;
  /** What happened, in a sentence: "2 traces (OTLP JSON)" or the reason the file was refused. */
  message: string;
}

/**
 * Reads dropped or chosen files in the browser (no backend involved) and adds their traces to the
 * uploaded-traces store. Each file succeeds or fails on its own.
 */
export function useTraceFileUpload() {
  const add = useUploadedTracesStore((s) => s.add);
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);
  const [busy, setBusy] = useState(false);

  const open = useCallback(
    async (files: Iterable<File>) => {
      setBusy(true);
      const results: UploadOutcome[] = [];
      for (const file of files) {
        const tooBig = fileSizeProblem(file.name, file.size);
        if (tooBig) {
          results.push({ fileName: file.name, ok: false, message: tooBig });
          continue;
        }
        try {
          const parsed = parseTraceFile(await file.text());
          add(parsed.traces, file.name);
          // A trace page that failed to load this ID before must not show the stale failure.
          for (const t of parsed.traces) {
            queryClient.removeQueries({ queryKey: queryKeys.trace(t.traceId) });
            queryClient.removeQueries({ queryKey: queryKeys.trace(jaegerTraceId(t.traceId)) });
          }
          const n = parsed.traces.length;
          const what = `${n} ${n === 1 ? 'trace' : 'traces'} (${traceFileFormatNames[parsed.format]})`;
          results.push({ fileName: file.name, ok: true, message: `Opened ${what}.` });
        } catch (error) {
          results.push({
            fileName: file.name,
            ok: false,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      setOutcomes(results);
      setBusy(false);
    },
    [add, queryClient],
  );

  return { open, outcomes, busy, dismiss: () => setOutcomes([]) };
}
