/**
 * The strategies in force. They come from the strategies file when one is configured, follow that
 * file when someone edits it (its size, mtime and inode are polled, like Jaeger's
 * `reload_interval`; fs.watch misses editors that replace the file and does not work on every
 * filesystem), and change through the edit API, which writes the file back atomically.
 *
 * A new version that does not validate is refused as a whole: the previous strategies stay in
 * force, and the file problem is logged once per version of the file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import {
  resolveStrategies,
  strategyFor,
  type ResolvedStrategies,
  type SamplingStrategyResponse,
} from './response';
import {
  documentJson,
  emptyDocument,
  parseStrategiesDocument,
  type ServiceStrategy,
  type StrategiesDocument,
} from './strategies';

export interface SamplingStoreOptions {
  /** The strategies file; '' keeps the strategies in memory only. */
  file: string;
  /** Jaeger's `default_sampling_probability`: for services without a strategy (all-in-one: 1). */
  defaultProbability: number;
  /** How often the file is checked for changes; 0 turns reloading off. */
  reloadIntervalMs: number;
  log: { info(message: string): void; error(message: string): void };
}

export class StrategiesError extends Error {
  override name = 'StrategiesError';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export interface SamplingStore {
  readonly file: string;
  readonly defaultProbability: number;
  /** The document in force, a copy. */
  document(): StrategiesDocument;
  /** What the sampling endpoint answers for a service (unknown services get the default). */
  strategyFor(service: string): SamplingStrategyResponse;
  /** Incremented on every change, from the API or the file. */
  revision(): number;
  /** Each throws StrategiesError when invalid (nothing changes), or the file write's error. */
  replace(json: unknown): Promise<string[]>;
  setService(strategy: ServiceStrategy): Promise<string[]>;
  /** false when the service had no strategy of its own. */
  deleteService(service: string): Promise<boolean>;
  /** Checks the file now instead of waiting for the next poll. */
  reload(): Promise<void>;
  close(): void;
}

interface FileVersion {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** `known` is undefined before the first read, so that a missing file is reported once. */
const sameVersion = (a: FileVersion | null, known: FileVersion | null | undefined) =>
  a === known ||
  (a !== null && known && a.size === known.size && a.mtimeMs === known.mtimeMs && a.ino === known.ino);

async function fileVersion(file: string): Promise<FileVersion | null> {
  try {
    const s = await stat(file);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Parses file text; throws StrategiesError naming the file. */
function parseFileText(file: string, text: string): { doc: StrategiesDocument; warnings: string[] } {
  let json: unknown;
  try {
    json = text.trim() === '' ? null : JSON.parse(text);
  } catch (err) {
    throw new StrategiesError([`${file}: not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = parseStrategiesDocument(json);
  if (!parsed.ok) throw new StrategiesError(parsed.problems.map((m) => `${file}: ${m}`));
  return { doc: parsed.value, warnings: parsed.warnings };
}

/** Loads the file (a missing file is created by the first edit) and starts following it. */
export async function createSamplingStore(options: SamplingStoreOptions): Promise<SamplingStore> {
  const { file, defaultProbability, log } = options;
  let doc = emptyDocument();
  let resolved: ResolvedStrategies = resolveStrategies(doc, defaultProbability);
  let revision = 0;
  /** The file version last read or written, so a poll only reacts to changes made by others. */
  let known: FileVersion | null | undefined;
  /** Its text: a `touch` or a save without changes is not a reload. */
  let knownText: string | undefined;
  /** Writes and reloads one at a time, so a reload never reads a half-applied edit. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const install = (next: StrategiesDocument) => {
    doc = next;
    resolved = resolveStrategies(next, defaultProbability);
    revision++;
  };

  const logWarnings = (warnings: string[]) => {
    for (const w of warnings) log.info(`sampling: ${file ? `${file}: ` : ''}${w}`);
  };

  const readFromFile = async (initial: boolean): Promise<void> => {
    const version = await fileVersion(file);
    if (sameVersion(version, known)) return;
    known = version;
    if (version === null) {
      if (initial) log.info(`sampling: ${file} does not exist yet; it is created when strategies are saved`);
      else log.error(`sampling: ${file} was removed; the previous strategies stay in force`);
      return;
    }
    const text = await readFile(file, 'utf8');
    if (text === knownText) return;
    knownText = text;
    try {
      const { doc: next, warnings } = parseFileText(file, text);
      logWarnings(warnings);
      install(next);
      if (!initial) log.info(`sampling: reloaded ${file} (${next.service_strategies.length} services)`);
    } catch (err) {
      if (initial) throw err;
      log.error(`sampling: ${(err as Error).message}; the previous strategies stay in force`);
    }
  };

  /** Persist first, then switch: a failed write leaves both the file and memory as they were. */
  const commit = async (next: StrategiesDocument): Promise<void> => {
    if (file) {
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      const text = `${JSON.stringify(documentJson(next), null, 2)}\n`;
      try {
        await writeFile(tmp, text, 'utf8');
        await rename(tmp, file);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw new Error(`cannot save the strategies to ${file}: ${(err as Error).message}`, { cause: err });
      }
      known = await fileVersion(file);
      knownText = text;
    }
    install(next);
  };

  const validated = (json: unknown) => {
    const parsed = parseStrategiesDocument(json);
    if (!parsed.ok) throw new StrategiesError(parsed.problems);
    return parsed;
  };

  if (file) await readFromFile(true);
  let timer: NodeJS.Timeout | undefined;
  if (file && options.reloadIntervalMs > 0) {
    let polling = false;
    timer = setInterval(() => {
      if (polling) return;
      polling = true;
      serial(() => readFromFile(false))
        .catch((err: unknown) => log.error(`sampling: cannot read ${file}: ${(err as Error).message}`))
        .finally(() => (polling = false));
    }, options.reloadIntervalMs);
    // Polling must never keep a finished process (or a test run) alive.
    timer.unref();
  }

  return {
    file,
    defaultProbability,
    document: () => documentJson(doc),
    strategyFor: (service) => strategyFor(resolved, service),
    revision: () => revision,
    replace: (json) =>
      serial(async () => {
        const parsed = validated(json);
        await commit(parsed.value);
        return parsed.warnings;
      }),
    setService: (strategy) =>
      serial(async () => {
        const services = doc.service_strategies;
        const at = services.findIndex((s) => s.service === strategy.service);
        const next = [...services];
        if (at >= 0) next[at] = strategy;
        else next.push(strategy);
        // Validated as a whole document, so the warnings and limits are the file's.
        const parsed = validated(documentJson({ ...doc, service_strategies: next }));
        await commit(parsed.value);
        return parsed.warnings;
      }),
    deleteService: (service) =>
      serial(async () => {
        const next = doc.service_strategies.filter((s) => s.service !== service);
        if (next.length === doc.service_strategies.length) return false;
        await commit({ ...doc, service_strategies: next });
        return true;
      }),
    reload: () => (file ? serial(() => readFromFile(false)) : Promise.resolve()),
    close: () => clearInterval(timer),
  };
}
