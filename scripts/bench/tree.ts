// Benchmark of the tree view's model: building and ordering the tree (sort by CPU%) for 2,000 and
// 20,000 synthetic processes shaped like a busy machine. Run by `npm run bench`.
import { buildTree } from '../../src/model/build-tree.js';
import { containsText } from '../../src/model/filter-rows.js';
import type { ProcessRow } from '../../src/model/process-row.js';
import { compareRows } from '../../src/model/sort-rows.js';
import { collapseAll } from '../../src/model/tree-collapse.js';
import { median } from './lib/median.js';

const SIZES = [2_000, 20_000];
const RUNS = 21;

/** A deterministic generator, so every run times the same tree. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/**
 * About `count` processes: init and kthreadd with 15% kernel threads under it; a few parents with
 * hundreds of leaf children each (browser tabs, a worker pool); a few chains 40 deep (nested
 * shells and build tools); the rest services and sessions 1 to 4 levels below init. Mostly idle,
 * a few busy, as htop sees a desktop.
 */
function syntheticRows(count: number): ProcessRow[] {
  const pick = random(count);
  const rows: ProcessRow[] = [];
  const add = (ppid: number, command: string, kernel = false): number => {
    const pid = rows.length + 1;
    const busy = pick(20) === 0;
    rows.push({
      pid,
      ppid,
      uid: kernel ? 0 : 1000,
      user: kernel ? 'root' : 'ann',
      state: busy ? 'R' : 'S',
      priority: 20,
      nice: 0,
      threads: 1,
      vsz: pick(1 << 30),
      rss: pick(1 << 26),
      shared: 0,
      startTime: 0,
      cpuTime: pick(10_000) / 10,
      processor: pick(8),
      name: command.split(' ', 1)[0] ?? command,
      command,
      kernelThread: kernel,
      cpu: busy ? pick(1000) / 10 : pick(3) === 0 ? pick(20) / 10 : 0,
      mem: pick(100) / 10,
    });
    return pid;
  };
  add(0, '/sbin/init');
  const kthreadd = add(0, '[kthreadd]', true);
  for (let k = 0; k < count * 0.15; k++) add(kthreadd, `[kworker/${k % 64}:${k}]`, true);
  for (let p = 0; p < 3; p++) {
    const parent = add(1, `/usr/lib/app${p} --type=main`);
    for (let k = 0; k < count * 0.1; k++) add(parent, `/usr/lib/app${p} --type=renderer --id=${k}`);
  }
  for (let c = 0; c < 4; c++) {
    let parent = 1;
    for (let d = 0; d < 40; d++) parent = add(parent, `bash -c make level ${d}`);
  }
  const sessions: number[] = [1];
  while (rows.length < count) {
    const parent = sessions[pick(sessions.length)]!;
    const pid = add(parent, `service-${rows.length} --flag`);
    if (sessions.length < count / 20 && pick(3) === 0) sessions.push(pid);
  }
  // /proc lists by PID; a sampler may not, so time a shuffled order as the worse case.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

function time(run: () => unknown): number {
  for (let k = 0; k < 3; k++) run(); // warm-up: let V8 compile the hot paths
  const samples: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export default async function bench(print: (line: string) => void): Promise<void> {
  const compare = compareRows({ key: 'cpu', inverted: false });
  print(`tree: median of ${RUNS} runs, sorted by CPU%`);
  for (const size of SIZES) {
    const rows = syntheticRows(size);
    const collapsed = collapseAll(rows);
    const lines = buildTree(rows, { compare });
    const roots = lines.filter((l) => l.depth === 0).length;
    const deepest = Math.max(...lines.map((l) => l.depth));
    print(`  ${String(size).padStart(6)} processes: ${roots} roots, ${collapsed.size} parents, deepest at depth ${deepest}`);
    const cases: [string, () => unknown][] = [
      ['build', () => buildTree(rows, { compare })],
      ['build + filter "level 3"', () => buildTree(rows, { compare, matches: (r) => containsText(r.command, 'level 3') })],
      ['build, all collapsed', () => buildTree(rows, { compare, collapsed })],
    ];
    for (const [name, run] of cases) {
      const ms = time(run);
      print(`  ${String(size).padStart(6)} processes  ${name.padEnd(26)} ${ms.toFixed(2).padStart(7)} ms  ${((ms / size) * 100).toFixed(4)} ms/100`);
    }
  }
}
