import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeLabelValue,
  escapeOpenMetricsHelp,
  escapePrometheusHelp,
  familyProblem,
  formatValue,
  renderExposition,
  type MetricFamily,
} from '../../src/model/metrics-exposition.js';

const FAMILIES: MetricFamily[] = [
  { name: 'demo_cpu_seconds', type: 'counter', unit: 'seconds', help: 'CPU time.', samples: [{ labels: { cpu: '0', mode: 'user' }, value: 12.5 }] },
  { name: 'demo_load1', type: 'gauge', help: 'Load.', samples: [{ value: 0.25 }] },
  { name: 'demo_build', type: 'info', help: 'Version.', samples: [{ labels: { version: '1.0' }, value: 1 }] },
  { name: 'demo_empty', type: 'gauge', help: 'Nothing.', samples: [] },
];

describe('the Prometheus text format', () => {
  it('names a counter with _total in HELP, TYPE and samples; an info is a gauge named _info', () => {
    assert.equal(
      renderExposition(FAMILIES, 'prometheus'),
      [
        '# HELP demo_cpu_seconds_total CPU time.',
        '# TYPE demo_cpu_seconds_total counter',
        'demo_cpu_seconds_total{cpu="0",mode="user"} 12.5',
        '# HELP demo_load1 Load.',
        '# TYPE demo_load1 gauge',
        'demo_load1 0.25',
        '# HELP demo_build_info Version.',
        '# TYPE demo_build_info gauge',
        'demo_build_info{version="1.0"} 1',
        '',
      ].join('\n'),
    );
  });
});

describe('OpenMetrics text', () => {
  it('names the family without its suffix, gives the unit, and ends with # EOF', () => {
    assert.equal(
      renderExposition(FAMILIES, 'openmetrics'),
      [
        '# TYPE demo_cpu_seconds counter',
        '# UNIT demo_cpu_seconds seconds',
        '# HELP demo_cpu_seconds CPU time.',
        'demo_cpu_seconds_total{cpu="0",mode="user"} 12.5',
        '# TYPE demo_load1 gauge',
        '# HELP demo_load1 Load.',
        'demo_load1 0.25',
        '# TYPE demo_build info',
        '# HELP demo_build Version.',
        'demo_build_info{version="1.0"} 1',
        '# EOF',
        '',
      ].join('\n'),
    );
  });
});

describe('escaping', () => {
  it('escapes backslash, double quote and line feed in label values, nothing else', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeLabelValue('tab\there ✓ \u001b[31m'), 'tab\there ✓ \u001b[31m');
    const text = renderExposition([{ name: 'x', type: 'gauge', help: 'h', samples: [{ labels: { name: 'say "hi"\\\n' }, value: 1 }] }], 'prometheus');
    assert.match(text, /^x\{name="say \\"hi\\"\\\\\\n"\} 1$/m);
  });

  it('escapes HELP as each format asks: the text format keeps a double quote, OpenMetrics escapes it', () => {
    assert.equal(escapePrometheusHelp('a "b" \\ c\nd'), 'a "b" \\\\ c\\nd');
    assert.equal(escapeOpenMetricsHelp('a "b" \\ c\nd'), 'a \\"b\\" \\\\ c\\nd');
  });

  it('writes numbers as Go parses them: integers plainly, NaN and infinities by name', () => {
    assert.deepEqual([1, 0, 2.5, 1e21, 1e-7, NaN, Infinity, -Infinity].map(formatValue), ['1', '0', '2.5', '1e+21', '1e-7', 'NaN', '+Inf', '-Inf']);
  });
});

describe('familyProblem', () => {
  it('accepts well-formed families', () => {
    for (const family of FAMILIES) assert.equal(familyProblem(family), null);
  });

  it('refuses bad names, reserved suffixes, a unit the name lacks, bad labels, twice the same labels, negative counters', () => {
    const base: MetricFamily = { name: 'ok_bytes', type: 'gauge', help: 'h', samples: [{ value: 1 }] };
    const cases: [Partial<MetricFamily>, RegExp][] = [
      [{ name: '1bad' }, /not a valid metric name/],
      [{ name: 'has-dash' }, /not a valid metric name/],
      [{ name: 'requests_total', type: 'counter' }, /reserves/],
      [{ name: 'build_info', type: 'info' }, /reserves/],
      [{ name: 'duration_ms', unit: 'seconds' }, /does not end with its unit/],
      [{ samples: [{ labels: { 'bad-label': 'x' }, value: 1 }] }, /label name bad-label/],
      [{ samples: [{ labels: { __name__: 'x' }, value: 1 }] }, /label name __name__/],
      [
        {
          samples: [
            { labels: { a: '1' }, value: 1 },
            { labels: { a: '1' }, value: 2 },
          ],
        },
        /twice/,
      ],
      [{ type: 'counter', samples: [{ value: -1 }] }, /≥ 0/],
      [{ type: 'counter', samples: [{ value: NaN }] }, /≥ 0/],
    ];
    for (const [change, problem] of cases) assert.match(familyProblem({ ...base, ...change }) ?? 'null', problem, JSON.stringify(change));
  });
});
