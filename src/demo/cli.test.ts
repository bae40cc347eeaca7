import { afterEach, describe, expect, it } from 'vitest';
import { parseDemoArgs, runDemoCommand, type DemoCommandIo } from './cli';
import { parseDuration } from './duration';
import { startOtlpReceiver, type OtlpReceiver } from './testing/otlpReceiver';

function captured(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: DemoCommandIo = { out: (m) => out.push(m), err: (m) => err.push(m), signal };
  return { io, out, err };
}

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('tracelens demo', () => {
  it.each([
    [['--rate', 'abc'], '--rate'],
    [['--rate=0'], '--rate'],
    [['--rate', '-2'], '--rate'],
    [['--duration', '10'], '--duration'],
    [['--duration', '5x'], '--duration'],
    [['--encoding', 'xml'], '--encoding'],
    [['--seed', '-1'], '--seed'],
    [['--seed', '1.5'], '--seed'],
    [['--target', 'ftp://example.com'], '--target'],
    [['--target', 'not a url'], '--target'],
    [['--target'], '--target'],
    [['--bogus'], '--bogus'],
    [['extra'], 'extra'],
  ])('rejects %j, naming %s, with exit status 2', async (argv, flag) => {
    const { io, out, err } = captured();
    expect(await runDemoCommand(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(flag);
  });

  it('prints help', async () => {
    const { io, out } = captured();
    expect(await runDemoCommand(['--rate', '3', '--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: tracelens demo/);
    expect(out.join('\n')).toContain('--encoding');
  });

  it('parses every option, in both --flag value and --flag=value forms', () => {
    expect(parseDemoArgs([])).toEqual({
      target: 'http://127.0.0.1:4318',
      ratePerSecond: 2,
      durationMs: 0,
      seed: undefined,
      encoding: 'protobuf',
    });
    expect(
      parseDemoArgs([
        '--target=https://otel.example:4318',
        '--rate',
        '0.5',
        '--duration=1m30s',
        '--seed',
        '42',
        '--encoding',
        'json',
      ]),
    ).toEqual({
      target: 'https://otel.example:4318',
      ratePerSecond: 0.5,
      durationMs: 90_000,
      seed: 42,
      encoding: 'json',
    });
  });

  it('parses durations the way Go does', () => {
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    for (const bad of ['', '10', 's', '-5s', '5 s', '1d']) expect(parseDuration(bad)).toBeUndefined();
  });

  it('runs for the given duration and exits 0 when everything arrived', async () => {
    receiver = await startOtlpReceiver();
    const { io, out } = captured();
    const argv = [
      '--target',
      receiver.url,
      '--rate',
      '30',
      '--duration',
      '300ms',
      '--seed',
      '3',
      '--encoding',
      'json',
    ];
    expect(await runDemoCommand(argv, io)).toBe(0);
    expect(out[0]).toContain('seed 3');
    expect(receiver.spans.length).toBeGreaterThan(0);
    expect(receiver.contentTypes[0]).toBe('application/json');
  });

  it('runs until stopped when no duration is given', async () => {
    receiver = await startOtlpReceiver();
    const controller = new AbortController();
    const { io } = captured(controller.signal);
    const sigintListeners = process.listenerCount('SIGINT');
    const running = runDemoCommand(['--target', receiver.url, '--rate', '20'], io);
    setTimeout(() => controller.abort(), 150);
    expect(await running).toBe(0);
    expect(receiver.spans.length).toBeGreaterThan(0);
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
  });

  it('exits 1 when exports failed', async () => {
    receiver = await startOtlpReceiver(400);
    const { io, out } = captured();
    expect(await runDemoCommand(['--target', receiver.url, '--rate', '50', '--duration', '100ms'], io)).toBe(
      1,
    );
    expect(out.some((m) => m.includes('HTTP 400'))).toBe(true);
  });
});
