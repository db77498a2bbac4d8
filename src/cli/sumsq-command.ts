// `pooltop sumsq`: the seed's cpu_bound program (the sum of squares) run headless on a pool, timed like bash's `time`.
import { MAX_WORKERS } from '../pool/pool-manager.js';
import type { TaskSpec } from '../pool/task.js';
import { WORKLOADS } from '../pool/workloads.js';
import { runBatch, type CommandIo } from './batch-command.js';
import { COMMON_FLAGS, COMMON_HELP, defaultWorkers, MAX_TASKS, readBatchOptions, WORKERS_BOUNDS } from './batch-options.js';

const MAX_N = WORKLOADS.sumsq.maxArg;

const INTEGERS = {
  workers: WORKERS_BOUNDS,
  base: { min: 0, max: MAX_N },
  count: { min: 1, max: MAX_TASKS },
};

export interface SumsqOptions {
  workers: number;
  base: number;
  count: number;
  ordered: boolean;
  compare: boolean;
  help: boolean;
}

/** `cores` is what the --workers default says: this machine's, or a placeholder for the README. */
export function sumsqHelp(cores: number | string = defaultWorkers()): string {
  return [
    'Usage: pooltop sumsq [options]',
    '',
    "The seed's cpu_bound program on a pool of worker processes: cpu_bound(n), the sum of",
    'i * i for i in range(n), for n in [base + x for x in range(count)], each exact result',
    'printed as it arrives (with the PID of the worker that found it), then real, user and',
    "sys time as bash's `time` prints them.",
    '',
    'Options:',
    `  --workers <n>  worker processes, 1 to ${MAX_WORKERS} (default: ${cores}, the cores here)`,
    "  --base <b>     the first n (default: 5000000, the seed's)",
    "  --count <c>    how many n: base, base + 1, … (default: 20, the seed's)",
    ...COMMON_HELP,
    '',
    `Numbers are integers (5_000_000 is fine); base + count − 1 up to ${MAX_N}; at most`,
    `${MAX_TASKS} tasks.`,
    '',
  ].join('\n');
}

/** Parsed options, or the one-line reason they are not usable. */
export function parseSumsqArgs(argv: readonly string[]): SumsqOptions | { error: string } {
  const read = readBatchOptions(argv, 'sumsq', INTEGERS, COMMON_FLAGS);
  if ('error' in read) return read;
  const { integers, flags } = read;
  const options: SumsqOptions = {
    workers: integers.get('workers') ?? defaultWorkers(),
    base: integers.get('base') ?? 5_000_000,
    count: integers.get('count') ?? 20,
    ordered: flags.has('ordered'),
    compare: flags.has('compare'),
    help: flags.has('help'),
  };
  if (!options.help && options.base + options.count - 1 > MAX_N) {
    return { error: `--base ${options.base} --count ${options.count} go up to n = ${options.base + options.count - 1}; at most ${MAX_N}` };
  }
  return options;
}

/**
 * Runs `pooltop sumsq` with `argv` (the arguments after `sumsq`) and returns the exit status:
 * 0 done, 1 the pool failed, 2 bad options, 128 + n interrupted by signal n.
 */
export async function runSumsqCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseSumsqArgs(argv);
  if ('error' in parsed) {
    io.stderr.write(`pooltop sumsq: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(sumsqHelp());
    return 0;
  }
  const specs: TaskSpec[] = [];
  for (let x = 0; x < parsed.count; x++) specs.push({ workload: 'sumsq', arg: parsed.base + x });
  return runBatch(
    {
      command: 'sumsq',
      specs,
      workers: parsed.workers,
      ordered: parsed.ordered,
      compare: parsed.compare,
      format: (result) => `cpu_bound(${result.arg}) = ${result.value}\tpid ${result.pid}`,
      label: (result) => `cpu_bound(${result.arg})`,
      moreWork: '--base 200000000',
    },
    io,
  );
}
