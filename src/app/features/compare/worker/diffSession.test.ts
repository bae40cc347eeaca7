import { describe, expect, it } from 'vitest';
import { envelope } from '../../../../core/jaeger/jaegerJson';
import { checkoutA, checkoutB } from '../testing/compareTraces';
import type { DiffWorkerRequest, DiffWorkerResponse, Side } from './diffProtocol';
import { createDiffRequestHandler } from './diffSession';

const bodyOf = (trace: typeof checkoutA) => new TextEncoder().encode(JSON.stringify(envelope([trace])));

function session() {
  const answers: DiffWorkerResponse[] = [];
  const handle = createDiffRequestHandler((message) => answers.push(message));
  const diffed = () => answers.find((m) => m.type === 'diffed');
  return { handle, answers, diffed };
}

/** Sends a body in pieces of `size` bytes, as a download does. */
function stream(handle: (r: DiffWorkerRequest) => void, side: Side, body: Uint8Array, size: number) {
  handle({ type: 'begin', side, expectedBytes: null });
  for (let at = 0; at < body.length; at += size) {
    handle({ type: 'chunk', side, bytes: body.slice(at, at + size) });
  }
  handle({ type: 'end', side, sourceUrl: `http://backend/${side}` });
}

describe('the compare worker', () => {
  it('diffs traces streamed in pieces exactly as whole responses', () => {
    const whole = session();
    whole.handle({ type: 'trace', side: 'a', bytes: bodyOf(checkoutA), sourceUrl: 'a' });
    whole.handle({ type: 'trace', side: 'b', bytes: bodyOf(checkoutB), sourceUrl: 'b' });
    const streamed = session();
    stream(streamed.handle, 'b', bodyOf(checkoutB), 97);
    expect(streamed.diffed()).toBeUndefined();
    stream(streamed.handle, 'a', bodyOf(checkoutA), 13);

    const expected = whole.diffed();
    const actual = streamed.diffed();
    if (expected?.type !== 'diffed' || actual?.type !== 'diffed') throw new Error('no diff');
    expect(actual.diff.size).toBe(6);
    expect(actual.diff).toEqual(expected.diff);
    expect(streamed.answers.filter((m) => m.type === 'stage').map((m) => `${m.side} ${m.stage}`)).toEqual([
      'b parsing',
      'b indexing',
      'b indexed',
      'a parsing',
      'a indexing',
      'a indexed',
      'null aligning',
    ]);
  });

  it('says which side is missing when the backend answers an empty data list', () => {
    const { handle, answers } = session();
    stream(handle, 'a', new TextEncoder().encode('{"data":[],"errors":null}'), 5);
    expect(answers.at(-1)).toEqual({ type: 'failed', side: 'a', message: 'trace not found', notFound: true });
  });

  it('explains a response that is not JSON, and ignores the other side afterwards', () => {
    const { handle, answers } = session();
    stream(handle, 'b', new TextEncoder().encode('<html>proxy error</html>'), 8);
    stream(handle, 'a', bodyOf(checkoutA), 64);
    expect(answers.filter((m) => m.type === 'failed')).toEqual([
      {
        type: 'failed',
        side: 'b',
        message: 'The backend at http://backend/b answered a response that is not JSON.',
        notFound: false,
      },
    ]);
    expect(answers.some((m) => m.type === 'diffed')).toBe(false);
  });
});
