/**
 * `npm run bench:load [-- --rate 20000 --duration 5m --max-traces 100000 --searchers 2]`:
 * sustained OTLP ingest with concurrent searches against a fresh all-in-one process, then the
 * figures and the verdict against the targets (the rate held, no errors, memory flat once the
 * store holds max_traces). Exits 1 when a target is missed.
 */
import { parseGoDuration } from '../../src/core/time/goDuration';
import { runLoad, type LoadOptions } from './loadRun';
import { formatReport, verdict } from './report';

const DEFAULTS: LoadOptions = {
  rate: 20_000,
  durationMs: 5 * 60_000,
  maxTraces: 100_000,
  spansPerTrace: 10,
  tracesPerBatch: 50,
  searchers: 2,
  searchPauseMs: 100,
  maxInFlight: 8,
};
function parseArgs(argv: string[]): LoadOptions {
  const options = { ...DEFAULTS };
  const numbers: Record<string, keyof LoadOptions> = {
    '--rate': 'rate',
    '--max-traces': 'maxTraces',
    '--spans-per-trace': 'spansPerTrace',
    '--traces-per-batch': 'tracesPerBatch',
    '--searchers': 'searchers',
    '--max-in-flight': 'maxInFlight',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag}: expected a value`);
    if (flag === '--node-arg') options.serverNodeArgs = [...(options.serverNodeArgs ?? []), value];
    else if (flag === '--duration') options.durationMs = Number(parseGoDuration(value) / 1_000_000n);
    else if (flag === '--search-pause') options.searchPauseMs = Number(parseGoDuration(value) / 1_000_000n);
    else if (numbers[flag]) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: expected a number, got ${value}`);
      (options as unknown as Record<string, number>)[numbers[flag]] = n;
    } else
      throw new Error(
        `unknown option ${flag}; options: --rate --duration --max-traces --spans-per-trace --traces-per-batch --searchers --search-pause --max-in-flight --node-arg`,
      );
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
console.log(
  `Load: ${options.rate.toLocaleString()} spans/s for ${options.durationMs / 1000} s against a fresh all-in-one…`,
);
const report = await runLoad({ ...options, log: (line) => console.log(line) });
console.log(`\n${formatReport(report)}`);
const failures = verdict(report);
console.log(failures.length ? `\nMISSED: ${failures.join('; ')}` : '\nAll targets met.');
process.exitCode = failures.length ? 1 : 0;
