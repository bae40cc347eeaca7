import { describe, expect, it } from 'vitest';
import { metricFamilyJson, type MetricFamily } from './metricFamily';

const family: MetricFamily = {
  name: 'service_call_rate',
  type: 'GAUGE',
  help: 'calls/sec, grouped by service',
  metrics: [
    {
      labels: [{ name: 'service_name', value: 'driver' }],
      metricPoints: [
        { timestampMs: Date.parse('2021-06-03T09:12:06Z'), value: 0.005846808321083344 },
        { timestampMs: Date.parse('2021-06-03T09:12:11.5Z'), value: 0 },
        { timestampMs: Date.parse('2021-06-03T09:12:16Z'), value: NaN },
        { timestampMs: Date.parse('2021-06-03T09:12:21Z'), value: Infinity },
      ],
    },
  ],
};

describe('metricFamilyJson (gogo jsonpb)', () => {
  it('writes the proto fields in order, keeps a zero gauge value, and spells NaN/Infinity as strings', () => {
    expect(metricFamilyJson(family)).toBe(
      '{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service","metrics":[' +
        '{"labels":[{"name":"service_name","value":"driver"}],"metricPoints":[' +
        '{"gaugeValue":{"doubleValue":0.005846808321083344},"timestamp":"2021-06-03T09:12:06Z"},' +
        '{"gaugeValue":{"doubleValue":0},"timestamp":"2021-06-03T09:12:11.500Z"},' +
        '{"gaugeValue":{"doubleValue":"NaN"},"timestamp":"2021-06-03T09:12:16Z"},' +
        '{"gaugeValue":{"doubleValue":"Infinity"},"timestamp":"2021-06-03T09:12:21Z"}]}]}',
    );
  });

  it('keeps an empty metrics array, and leaves out empty label values and empty point lists', () => {
    expect(metricFamilyJson({ ...family, metrics: [] })).toBe(
      '{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service","metrics":[]}',
    );
    expect(
      metricFamilyJson({
        ...family,
        metrics: [{ labels: [{ name: 'operation', value: '' }], metricPoints: [] }],
      }),
    ).toBe(
      '{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service","metrics":[{"labels":[{"name":"operation"}]}]}',
    );
  });

  it('indents with 4 spaces like jsonpb, breaking the line even in an empty array', () => {
    const one = {
      ...family,
      metrics: [{ ...family.metrics[0], metricPoints: family.metrics[0].metricPoints.slice(0, 1) }],
    };
    expect(metricFamilyJson(one, true)).toBe(
      [
        '{',
        '    "name": "service_call_rate",',
        '    "type": "GAUGE",',
        '    "help": "calls/sec, grouped by service",',
        '    "metrics": [',
        '        {',
        '            "labels": [',
        '                {',
        '                    "name": "service_name",',
        '                    "value": "driver"',
        '                }',
        '            ],',
        '            "metricPoints": [',
        '                {',
        '                    "gaugeValue": {',
        '                        "doubleValue": 0.005846808321083344',
        '                    },',
        '                    "timestamp": "2021-06-03T09:12:06Z"',
        '                }',
        '            ]',
        '        }',
        '    ]',
        '}',
      ].join('\n'),
    );
    expect(metricFamilyJson({ ...family, metrics: [] }, true)).toBe(
      '{\n    "name": "service_call_rate",\n    "type": "GAUGE",\n    "help": "calls/sec, grouped by service",\n    "metrics": [\n    ]\n}',
    );
  });
});
