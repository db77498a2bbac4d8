import { headerLines } from '../../src/ui/header.js';
import { computeLayout } from '../../src/ui/layout.js';
import { COLOR_THEME, MONO_THEME } from '../../src/ui/theme.js';
import { info, sample } from '../../test/model/fixtures.js';
import { createHistory } from '../../src/model/history.js';
import { DEFAULT_GRAPHS } from '../../src/model/graph-settings.js';
const cores = (n: number) => Array.from({ length: n }, (_, i) => ({ user: 10 * (i % 10), system: 5, nice: 1, idle: 84 - 10 * (i % 10) }));
const out: string[] = [];
for (const n of [1, 2, 8, 16, 64]) for (const cols of [60, 100, 170]) for (const theme of [COLOR_THEME, MONO_THEME]) for (const g of [false, true]) {
  const s = sample([info(1)], { cpus: cores(n) });
  const extras = g ? { history: createHistory(n), graphs: { ...DEFAULT_GRAPHS, cpuMeter: 'graph' as const }, meters: { missing: {}, cpuFrequency: { mhz: [2000], source: 'cpufreq' as const } } } : undefined;
  const extra = g ? 1 : 0;
  out.push(`== ${n} ${cols} ${theme.color} ${g}`, ...headerLines(s, null, [], computeLayout(cols, 60, n, extra), theme, extras as never));
}
process.stdout.write(out.join('\n'));
