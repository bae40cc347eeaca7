import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeStrategyResponse } from './response';
import { createSamplingStore, StrategiesError, type SamplingStore } from './store';
import { tempDir } from './testing';

const testdata = (name: string) => new URL(`./testdata/${name}`, import.meta.url).pathname;

const stores: SamplingStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function open(file: string, reloadIntervalMs = 20) {
  const logs = { info: [] as string[], error: [] as string[] };
  const store = await createSamplingStore({
    file,
    defaultProbability: 1,
    reloadIntervalMs,
    log: { info: (m) => logs.info.push(m), error: (m) => logs.error.push(m) },
  });
  stores.push(store);
  return { store, logs };
}

const rateOf = (store: SamplingStore, service: string) =>
  store.strategyFor(service).probabilisticSampling?.samplingRate;

/** Polls until `check` passes or two seconds are up (reloads are polled every 20 ms here). */
async function eventually(check: () => void): Promise<void> {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const strategies = (fooRate: number) =>
  JSON.stringify({
    default_strategy: { type: 'probabilistic', param: 0.5 },
    service_strategies: [{ service: 'foo', type: 'probabilistic', param: fooRate }],
  });

describe('the strategies store', () => {
  it('without a file, answers default_sampling_probability for everyone and keeps edits in memory', async () => {
    const { store } = await open('');
    expect(encodeStrategyResponse(store.strategyFor('x'))).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}',
    );
    await store.setService({ service: 'x', type: 'ratelimiting', param: 4 });
    expect(store.strategyFor('x').rateLimitingSampling).toEqual({ maxTracesPerSecond: 4 });
  });

  it('refuses to start on an invalid file, naming the file and the problem', async () => {
    await expect(open(testdata('bad_strategies.json'))).rejects.toThrow(
      /bad_strategies\.json: strategies must be a JSON object/,
    );
    const dir = tempDir();
    writeFileSync(join(dir, 's.json'), '{"service_strategies": [');
    await expect(open(join(dir, 's.json'))).rejects.toThrow(/s\.json: not valid JSON/);
  });

  it('reloads the file when it changes', async () => {
    const file = join(tempDir(), 'strategies.json');
    writeFileSync(file, strategies(0.8));
    const { store, logs } = await open(file);
    expect(rateOf(store, 'foo')).toBe(0.8);
    const before = store.revision();

    writeFileSync(file, strategies(0.25));
    await eventually(() => expect(rateOf(store, 'foo')).toBe(0.25));
    expect(store.revision()).toBe(before + 1);
    expect(logs.info.at(-1)).toMatch(/reloaded .*strategies\.json \(1 services\)/);
  });

  it('follows a file replaced by rename, as editors and config management do', async () => {
    const dir = tempDir();
    const file = join(dir, 'strategies.json');
    copyFileSync(testdata('strategies.json'), file);
    const { store } = await open(file);
    expect(rateOf(store, 'foo')).toBe(0.8);
    writeFileSync(join(dir, 'next.json'), strategies(0.3));
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, 'next.json'), file);
    await eventually(() => expect(rateOf(store, 'foo')).toBe(0.3));
  });

  it('keeps the previous strategies when the new file content is invalid, and logs why once', async () => {
    const file = join(tempDir(), 'strategies.json');
    writeFileSync(file, strategies(0.8));
    const { store, logs } = await open(file);

    writeFileSync(
      file,
      JSON.stringify({ service_strategies: [{ service: 'foo', type: 'probabilistic', param: 8 }] }),
    );
    await eventually(() => expect(logs.error).toHaveLength(1));
    expect(logs.error[0]).toBe(
      `sampling: ${file}: service_strategies[0].param: probability must be between 0 and 1, got 8; the previous strategies stay in force`,
    );
    expect(rateOf(store, 'foo')).toBe(0.8);
    expect(rateOf(store, 'other')).toBe(0.5);
    await new Promise((r) => setTimeout(r, 100));
    expect(logs.error).toHaveLength(1);

    // Fixing the file applies it.
    writeFileSync(file, strategies(0.6));
    await eventually(() => expect(rateOf(store, 'foo')).toBe(0.6));
  });

  it('keeps the strategies when the file is removed', async () => {
    const file = join(tempDir(), 'strategies.json');
    writeFileSync(file, strategies(0.8));
    const { store, logs } = await open(file);
    const { rmSync } = await import('node:fs');
    rmSync(file);
    await eventually(() =>
      expect(logs.error).toEqual([`sampling: ${file} was removed; the previous strategies stay in force`]),
    );
    expect(rateOf(store, 'foo')).toBe(0.8);
  });

  it('persists edits atomically, leaving no temporary file, and does not reload its own write', async () => {
    const dir = tempDir();
    const file = join(dir, 'strategies.json');
    writeFileSync(file, strategies(0.8));
    const { store, logs } = await open(file);
    await store.setService({ service: 'bar', type: 'ratelimiting', param: 7 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      default_strategy: { type: 'probabilistic', param: 0.5 },
      service_strategies: [
        { service: 'foo', type: 'probabilistic', param: 0.8 },
        { service: 'bar', type: 'ratelimiting', param: 7 },
      ],
    });
    expect(readdirSync(dir)).toEqual(['strategies.json']);
    const revision = store.revision();
    await new Promise((r) => setTimeout(r, 100));
    expect(store.revision()).toBe(revision);
    expect(logs.info.filter((m) => m.includes('reloaded'))).toEqual([]);

    expect(await store.deleteService('foo')).toBe(true);
    expect(await store.deleteService('foo')).toBe(false);
    expect(rateOf(store, 'foo')).toBe(0.5);
    expect(JSON.parse(readFileSync(file, 'utf8')).service_strategies).toEqual([
      { service: 'bar', type: 'ratelimiting', param: 7 },
    ]);
  });

  it('creates a missing file on the first edit', async () => {
    const file = join(tempDir(), 'new.json');
    const { store, logs } = await open(file);
    expect(logs.info).toEqual([
      `sampling: ${file} does not exist yet; it is created when strategies are saved`,
    ]);
    await store.replace({ default_strategy: { type: 'probabilistic', param: 0.1 } });
    expect(existsSync(file)).toBe(true);
    expect(rateOf(store, 'anyone')).toBe(0.1);
  });

  it('refuses an invalid edit as a whole, changing neither memory nor the file', async () => {
    const file = join(tempDir(), 'strategies.json');
    writeFileSync(file, strategies(0.8));
    const { store } = await open(file);
    const revision = store.revision();
    const attempt = store.replace({
      service_strategies: [
        { service: 'foo', type: 'probabilistic', param: 0.1 },
        { service: 'bar', type: 'probabilistic', param: 1.1 },
      ],
    });
    await expect(attempt).rejects.toBeInstanceOf(StrategiesError);
    await expect(attempt).rejects.toThrow(
      'service_strategies[1].param: probability must be between 0 and 1, got 1.1',
    );
    expect(rateOf(store, 'foo')).toBe(0.8);
    expect(readFileSync(file, 'utf8')).toBe(strategies(0.8));
    expect(store.revision()).toBe(revision);
  });

  it('leaves memory unchanged when the file cannot be written', async () => {
    const dir = tempDir();
    // A directory where the file should be: the rename fails.
    const file = join(dir, 'strategies.json');
    const { mkdirSync } = await import('node:fs');
    const { store } = await open(file, 0);
    mkdirSync(file);
    await expect(store.setService({ service: 'foo', type: 'probabilistic', param: 0.2 })).rejects.toThrow(
      /cannot save the strategies to .*strategies\.json/,
    );
    expect(rateOf(store, 'foo')).toBe(1);
    expect(readdirSync(dir)).toEqual(['strategies.json']);
  });
});
