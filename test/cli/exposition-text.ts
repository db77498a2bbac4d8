// Reading an exposition back in tests: every sample line as series → value, and the counters'
// names from the TYPE lines, in either format.

export interface ParsedExposition {
  /** `name{labels}` exactly as written → value. */
  series: Map<string, number>;
  /** Sample names of the counter families (`…_total`). */
  counters: Set<string>;
}

export function parseExposition(text: string): ParsedExposition {
  const series = new Map<string, number>();
  const counters = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) counter$/.exec(line);
    if (type) counters.add(type[1]!.endsWith('_total') ? type[1]! : `${type[1]}_total`);
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return { series, counters };
}

/** The value of the one series `name{labels}` (labels as written), or undefined. */
export function valueOf(parsed: ParsedExposition, name: string, labels = ''): number | undefined {
  return parsed.series.get(labels === '' ? name : `${name}{${labels}}`);
}

/** Series of one metric name: labels text → value. */
export function seriesOf(parsed: ParsedExposition, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of parsed.series) {
    if (key === name) out.set('', value);
    else if (key.startsWith(`${name}{`)) out.set(key.slice(name.length + 1, -1), value);
  }
  return out;
}
