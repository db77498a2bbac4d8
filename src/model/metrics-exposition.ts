// Metric families written in the Prometheus text exposition format (0.0.4) or in OpenMetrics 1.0
// text: names, HELP, TYPE (and OpenMetrics' UNIT) lines, escaped label values, and `# EOF`.

type MetricType = 'counter' | 'gauge' | 'info';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** Label name → value, in the order they are written. */
export type Labels = Readonly<Record<string, string>>;

export interface MetricSample {
  labels?: Labels;
  value: number;
}

export interface MetricFamily {
  /**
   * The family's name without the suffix its samples carry: a counter's samples are `name_total`,
   * an info's `name_info` (OpenMetrics names the family so; the Prometheus text format has no
   * info type and writes a gauge named `name_info`).
   */
  name: string;
  type: MetricType;
  /** Plain words; escaped as each format asks. */
  help: string;
  /** Base unit, which the name must end with (OpenMetrics' UNIT line). */
  unit?: 'seconds' | 'bytes';
  samples: readonly MetricSample[];
}

/** A family of one unlabelled sample: a machine-wide gauge or counter. */
export function singleSampleFamily(name: string, type: MetricType, help: string, value: number, unit?: MetricFamily['unit']): MetricFamily {
  return { name, type, help, ...(unit ? { unit } : {}), samples: [{ value }] };
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Why a family could not be written correctly, or null: names and label names of the legacy
 * character set (`__` is reserved to Prometheus), a unit its name ends with, no `_total` or
 * `_info` of its own, and no label set twice. Families are built from constant names, so this is
 * checked by tests over everything the exporter builds, not on every scrape.
 */
export function familyProblem(family: MetricFamily): string | null {
  const { name } = family;
  if (!METRIC_NAME.test(name)) return `${name}: not a valid metric name`;
  if (/_(total|info|created|bucket|count|sum)$/.test(name)) return `${name}: ends with a suffix the format reserves`;
  if (family.unit && !name.endsWith(`_${family.unit}`)) return `${name}: the name does not end with its unit ${family.unit}`;
  const seen = new Set<string>();
  for (const sample of family.samples) {
    const labels = Object.keys(sample.labels ?? {});
    const bad = labels.find((l) => !LABEL_NAME.test(l) || l.startsWith('__'));
    if (bad !== undefined) return `${name}: label name ${bad} is not valid`;
    const key = labelText(sample.labels);
    if (seen.has(key)) return `${name}: the label set ${key} is there twice`;
    seen.add(key);
    if (family.type === 'counter' && !(sample.value >= 0)) return `${name}: a counter's value must be a number ≥ 0`;
  }
  return null;
}

/** The families as one exposition; families without samples are left out. */
export function renderExposition(families: readonly MetricFamily[], format: ExpositionFormat): string {
  const open = format === 'openmetrics';
  const parts: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    const sampleName = family.type === 'counter' ? `${family.name}_total` : family.type === 'info' ? `${family.name}_info` : family.name;
    if (open) {
      parts.push(`# TYPE ${family.name} ${family.type}\n`);
      if (family.unit) parts.push(`# UNIT ${family.name} ${family.unit}\n`);
      parts.push(`# HELP ${family.name} ${escapeOpenMetricsHelp(family.help)}\n`);
    } else {
      parts.push(`# HELP ${sampleName} ${escapePrometheusHelp(family.help)}\n`);
      parts.push(`# TYPE ${sampleName} ${family.type === 'info' ? 'gauge' : family.type}\n`);
    }
    for (const sample of family.samples) parts.push(`${sampleName}${labelText(sample.labels)} ${formatValue(sample.value)}\n`);
  }
  if (open) parts.push('# EOF\n');
  return parts.join('');
}

/** `{a="1",b="x\"y"}`, or nothing without labels. */
function labelText(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  let text = '';
  for (const name in labels) text += `${text === '' ? '{' : ','}${name}="${escapeLabelValue(labels[name] ?? '')}"`;
  return text === '' ? '' : `${text}}`;
}

/** Both formats: backslash, double quote and line feed are the only escapes a label value has. */
export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`)) : value;
}

/** The text format's HELP escapes backslash and line feed only: a `\"` there would be read as two characters. */
export function escapePrometheusHelp(help: string): string {
  return help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

/** OpenMetrics' HELP is an escaped string like a label value. */
export function escapeOpenMetricsHelp(help: string): string {
  return escapeLabelValue(help);
}

/** Integers as integers, other numbers as JavaScript's shortest round trip; Go's ParseFloat reads both. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
