import { headerHeight } from '../../src/ui/header.js';
import { computeLayout } from '../../src/ui/layout.js';
import { DEFAULT_HEADER_LAYOUT } from '../../src/model/header-layout.js';
let bad = 0;
for (const n of [1, 2, 3, 8, 9, 16, 33, 64, 128]) for (const cols of [40, 80, 159, 160, 200]) for (const pool of [false, true]) for (const io of [0, 1]) for (const sens of [0, 1]) {
  const a = computeLayout(cols, 80, n, (pool ? 1 : 0) + io + sens);
  const facts = { cores: n, pool, systemMeters: true, counters: io === 1, rates: false, meters: sens ? { missing: {}, battery: [{ name: 'b', percent: 5, state: 'full' as const, secondsLeft: null }] } : { missing: {} } };
  const b = computeLayout(cols, 80, n, 0, (mc) => headerHeight(DEFAULT_HEADER_LAYOUT, facts, mc));
  if (a.headerHeight !== b.headerHeight) { bad++; console.log(n, cols, pool, io, sens, a.headerHeight, b.headerHeight); }
}
console.log('bad', bad);
