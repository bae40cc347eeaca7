/**
 * Conformance: the indexes must never change an answer. The store is compared with a plain list
 * that tests every trace, as Jaeger does, over random writes with late spans and many removals.
 */
import { describe, expect, it } from 'vitest';
import { SpanKind, StatusCode, type Span } from '../../../core/model/trace';
import { compileSpanCriteria, someSpanMatches } from '../spanMatcher';
import type { TraceQuery } from '../traceStore';
import type { ConformanceContext } from './harness';
import { int, makeResource, makeSpan, query, str, T0, traceIdOf } from './spans';

export function describeAgreementWithScan({ open, settle }: ConformanceContext): void {
  describe('indexes agree with a full scan', () => {
    function mulberry32(seed: number): () => number {
      let a = seed;
      return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    it('returns the same traces for random queries', async () => {
      const random = mulberry32(7);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      const services = ['a', 'b', 'c'].map((s) => makeResource(s, [str('zone', pick(['z1', 'z2']))]));
      const names = ['get', 'put', 'scan'];
      const maxTraces = 40;
      const store = await open(maxTraces);
      const reference: { id: string; spans: Span[] }[] = [];

      function randomSpan(trace: number, span: number): Span {
        return makeSpan({
          trace,
          span,
          name: pick(names),
          kind: pick([SpanKind.Unspecified, SpanKind.Server, SpanKind.Client]),
          status: pick([StatusCode.Unset, StatusCode.Ok, StatusCode.Error]),
          resource: pick(services),
          start: BigInt(Math.floor(random() * 100)),
          duration: BigInt(1 + Math.floor(random() * 100)),
          attributes: [
            int('code', BigInt(pick([200, 404, 500]))),
            str('user', `u${Math.floor(random() * 5)}`),
          ],
        });
      }

      function randomQuery(): TraceQuery {
        const tags: Record<string, string> = {};
        if (random() < 0.5) tags.code = pick(['200', '404', '500']);
        if (random() < 0.4) tags.user = `u${Math.floor(random() * 5)}`;
        if (random() < 0.2) tags.error = pick(['true', 'false']);
        if (random() < 0.2) tags['resource.zone'] = pick(['z1', 'z2']);
        if (random() < 0.2) tags['span.kind'] = pick(['server', 'client', 'consumer', '']);
        if (random() < 0.2) tags['span.status'] = pick(['OK', 'ERROR', 'UNSET']);
        return query({
          serviceName: random() < 0.5 ? pick(['a', 'b', 'c']) : '',
          operationName: random() < 0.3 ? pick(names) : '',
          tags,
          durationMin: random() < 0.2 ? 50n : undefined,
          durationMax: random() < 0.1 ? 30n : undefined,
          startTimeMin: random() < 0.2 ? T0 + BigInt(Math.floor(random() * 100)) : undefined,
          startTimeMax: random() < 0.2 ? T0 + BigInt(Math.floor(random() * 100)) : undefined,
          searchDepth: 1 + Math.floor(random() * maxTraces),
        });
      }

      let nextTrace = 1;
      for (let round = 0; round < 300; round++) {
        // Mostly new traces; sometimes more spans for a trace that may or may not still be stored.
        const trace =
          random() < 0.7 || nextTrace < 3
            ? nextTrace++
            : Math.max(1, nextTrace - 1 - Math.floor(random() * 60));
        const spans = [1, 2, 3]
          .slice(0, 1 + Math.floor(random() * 3))
          .map((s) => randomSpan(trace, round * 10 + s));
        await store.writeSpans(spans);
        await settle(store);
        const known = reference.find((t) => t.id === traceIdOf(trace));
        if (known) known.spans.push(...spans);
        else reference.unshift({ id: traceIdOf(trace), spans: [...spans] });
        reference.length = Math.min(reference.length, maxTraces);

        const q = randomQuery();
        const criteria = compileSpanCriteria(q);
        const expected = criteria
          ? reference.filter((t) => someSpanMatches(t.spans, criteria)).slice(0, q.searchDepth)
          : [];
        const actual = await store.findTraces(q);
        expect(actual.map((t) => t.traceId)).toEqual(expected.map((t) => t.id));
        expect(store.stats().traces).toBe(reference.length);
      }
    });
  });
}
