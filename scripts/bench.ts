// The bench runner: prints the machine's facts, then runs each benchmark section and prints its
// figures. A section is a module scripts/bench/<name>.ts whose default export is
// `async function bench(print)`; helpers live in scripts/bench/lib/ and are never run.
//
//   npm run bench                 every section, in SECTION_ORDER, then any others by name
//   npm run bench -- monitor      one section (or several: -- sampler monitor)
//   npm run bench -- profile      sections in ON_REQUEST run only when named
//   npm run bench -- compare --scale   --flags go to every section run (compare: add +10,000)
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installCleanupHandlers, runCleanups } from './bench/lib/cleanup.js';
import { describeSettings } from './bench/lib/bench-settings.js';
import { machineFacts } from './bench/lib/machine-facts.js';

type Bench = (print: (line: string) => void, flags: readonly string[]) => Promise<void>;

const SECTION_DIR = join(dirname(fileURLToPath(import.meta.url)), 'bench');
/** The order sections run in; a section whose file does not exist yet is skipped quietly. */
const SECTION_ORDER = ['compare', 'sampler', 'monitor', 'keys', 'read-strategies', 'tree', 'pool'];
/** Slow or diagnostic sections, run only when asked for by name. */
// profile: a CPU profile; scale: 10,000 processes for ~3 minutes; export: the exporter and the
// stream, ~8 minutes; record: recording and replay, ~3 minutes. Only when named.
const ON_REQUEST = new Set(['profile', 'scale', 'export', 'record']);
/** The --flags a section reads, and which section: any other is a typo. */
const FLAGS: Record<string, string> = { '--scale': 'compare: a +10,000 idle processes row' };

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function availableSections(): string[] {
  const present = readdirSync(SECTION_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -3));
  const ordered = SECTION_ORDER.filter((name) => present.includes(name));
  return [...ordered, ...present.filter((name) => !SECTION_ORDER.includes(name)).sort()];
}

async function loadSection(name: string): Promise<Bench | null> {
  const module = (await import(pathToFileURL(join(SECTION_DIR, `${name}.ts`)).href)) as { default?: unknown };
  return typeof module.default === 'function' ? (module.default as Bench) : null;
}

async function main(argv: string[]): Promise<number> {
  installCleanupHandlers();
  const available = availableSections();
  const asked = argv.filter((arg) => !arg.startsWith('-'));
  const flags = argv.filter((arg) => arg.startsWith('-'));
  const unknownFlags = flags.filter((flag) => !Object.hasOwn(FLAGS, flag));
  if (unknownFlags.length > 0) {
    const known = Object.entries(FLAGS).map(([flag, what]) => `${flag} (${what})`);
    process.stderr.write(`bench: no option ${unknownFlags.join(', ')}; options: ${known.join(', ')}\n`);
    return 2;
  }
  const unknown = asked.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: no section ${unknown.join(', ')}; sections: ${available.join(', ')}\n`);
    return 2;
  }
  const chosen = asked.length > 0 ? asked : available.filter((name) => !ON_REQUEST.has(name));

  print('pooltop bench');
  for (const line of machineFacts()) print(`  ${line}`);
  const onRequest = available.filter((name) => ON_REQUEST.has(name) && !chosen.includes(name));
  print(`  sections:  ${chosen.join(', ')}${onRequest.length > 0 ? ` (on request: ${onRequest.join(', ')})` : ''}`);
  print(`  settings:  ${describeSettings()} (env POOLTOP_BENCH_*)`);

  let failed = 0;
  for (const name of chosen) {
    if (!existsSync(join(SECTION_DIR, `${name}.ts`))) continue;
    const started = performance.now();
    try {
      const bench = await loadSection(name);
      if (!bench) {
        print('');
        print(`(scripts/bench/${name}.ts exports no default bench function: not a section; helpers go in scripts/bench/lib/)`);
        continue;
      }
      print('');
      print(`== ${name} ${'='.repeat(Math.max(0, 72 - name.length))}`);
      await bench(print, flags);
      print(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      print(`!! ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      // Whatever a section left registered (it failed half-way) is stopped before the next starts.
      runCleanups();
    }
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    runCleanups();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    runCleanups();
    process.exit(1);
  },
);
