// Which exposition a scraper gets, from its Accept header: OpenMetrics 1.0 when it prefers that
// to the Prometheus text format (Prometheus 2 sends `application/openmetrics-text;version=1.0.0,
// …;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1`), the text format otherwise (curl's */*).
import type { ExpositionFormat } from '../model/metrics-exposition.js';

/** The OpenMetrics versions whose text is what this exporter writes (0.0.1 is 1.0's draft name). */
const OPENMETRICS_VERSIONS = new Set(['1.0.0', '0.0.1']);
const TEXT_VERSIONS = new Set(['0.0.4']);

interface MediaRange {
  type: string;
  params: Map<string, string>;
  q: number;
}

export function chooseExpositionFormat(accept: string | undefined): ExpositionFormat {
  if (!accept) return 'prometheus';
  const ranges = parseAccept(accept);
  const open = quality(ranges, 'application/openmetrics-text', OPENMETRICS_VERSIONS);
  const text = quality(ranges, 'text/plain', TEXT_VERSIONS);
  // At the same q, the type named rather than reached through a wildcard; `*/*` alone gets the
  // text format, which every scraper reads.
  const better = open.q > text.q || (open.q === text.q && open.specificity > text.specificity);
  return open.q > 0 && better ? 'openmetrics' : 'prometheus';
}

/**
 * The q of the most specific range that covers `type` (RFC 9110 §12.5.1): the type itself (with
 * a version this exporter writes, or none), else `text/*` or the like, else `*\/*`; 0 for none.
 */
function quality(ranges: readonly MediaRange[], type: string, versions: ReadonlySet<string>): { q: number; specificity: number } {
  const wildcard = `${type.slice(0, type.indexOf('/'))}/*`;
  let best = { q: 0, specificity: -1 };
  for (const range of ranges) {
    let specificity: number;
    if (range.type === type) {
      const version = range.params.get('version');
      if (version !== undefined && !versions.has(version)) continue;
      specificity = version === undefined ? 2 : 3;
    } else if (range.type === wildcard) specificity = 1;
    else if (range.type === '*/*') specificity = 0;
    else continue;
    if (specificity > best.specificity) best = { q: range.q, specificity };
  }
  return best;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params = new Map<string, string>();
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params.set(
          p.slice(0, eq).trim().toLowerCase(),
          p
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1'),
        );
    }
    const q = params.has('q') ? Number(params.get('q')) : 1;
    ranges.push({ type: type.toLowerCase(), params, q: Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0 });
  }
  return ranges;
}
