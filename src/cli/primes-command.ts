// `pooltop primes`: the seed's prime program run headless on a pool, timed like bash's `time`.
import { MAX_WORKERS } from '../pool/pool-manager.js';
import type { TaskSpec } from '../pool/task.js';
import { MAX_PRIME_ARG } from '../pool/workloads.js';
import { runBatch, type CommandIo } from './batch-command.js';
import { COMMON_FLAGS, COMMON_HELP, defaultWorkers, MAX_TASKS, readBatchOptions, WORKERS_BOUNDS } from './batch-options.js';

const INTEGERS = {
  workers: WORKERS_BOUNDS,
  // Bounds keep every next_prime inside 32-bit integers (2^31 − 1 is prime).
  from: { min: 2, max: MAX_PRIME_ARG },
  to: { min: 3, max: MAX_PRIME_ARG + 1 },
  step: { min: 1, max: MAX_PRIME_ARG },
};
const FLAGS = ['naive', 'sqrt', ...COMMON_FLAGS];

export interface PrimesOptions {
  workers: number;
  from: number;
  to: number;
  step: number;
  method: 'naive' | 'sqrt';
  ordered: boolean;
  compare: boolean;
  help: boolean;
}

/** `cores` is what the --workers default says: this machine's, or a placeholder for the README. */
export function primesHelp(cores: number | string = defaultWorkers()): string {
  return [
    'Usage: pooltop primes [options]',
    '',
    "The seed's prime program on a pool of worker processes: next_prime(x) for x in",
    'range(from, to, step), each result printed as it arrives (out of order, with the PID',
    "of the worker that found it), then real, user and sys time as bash's `time` prints them.",
    '',
    'Options:',
    `  --workers <n>  worker processes, 1 to ${MAX_WORKERS} (default: ${cores}, the cores here)`,
    '  --from <a>     first x (default: 1000000)',
    '  --to <b>       stop before this x, like range() (default: 10000000)',
    '  --step <s>     distance between two x (default: 1000000)',
    "  --naive        is_prime tries every divisor 2 … p−1, as the seed's (default)",
    '  --sqrt         is_prime tries divisors up to √p only',
    ...COMMON_HELP,
    '',
    `Numbers are integers (1_000_000 is fine); --from and --step up to ${MAX_PRIME_ARG} (2^31 − 1,`,
    `a prime), --to up to ${MAX_PRIME_ARG + 1}; at most ${MAX_TASKS} tasks.`,
    '',
  ].join('\n');
}

/** Parsed options, or the one-line reason they are not usable. */
export function parsePrimesArgs(argv: readonly string[]): PrimesOptions | { error: string } {
  const read = readBatchOptions(argv, 'primes', INTEGERS, FLAGS);
  if ('error' in read) return read;
  const { integers, flags } = read;
  if (flags.has('help')) return { ...defaults(), help: true };
  if (flags.has('naive') && flags.has('sqrt')) return { error: '--naive and --sqrt exclude each other' };
  const options = defaults();
  for (const name of ['workers', 'from', 'to', 'step'] as const) options[name] = integers.get(name) ?? options[name];
  if (options.from >= options.to) return { error: `--from must be below --to (got ${options.from} and ${options.to})` };
  const tasks = Math.ceil((options.to - options.from) / options.step);
  if (tasks > MAX_TASKS) {
    return { error: `--from ${options.from} --to ${options.to} --step ${options.step} make ${tasks} tasks; at most ${MAX_TASKS} (raise --step)` };
  }
  options.method = flags.has('sqrt') ? 'sqrt' : 'naive';
  options.ordered = flags.has('ordered');
  options.compare = flags.has('compare');
  return options;
}

function defaults(): PrimesOptions {
  return {
    workers: defaultWorkers(),
    from: 1_000_000,
    to: 10_000_000,
    step: 1_000_000,
    method: 'naive',
    ordered: false,
    compare: false,
    help: false,
  };
}

/**
 * Runs `pooltop primes` with `argv` (the arguments after `primes`) and returns the exit status:
 * 0 done, 1 the pool failed, 2 bad options, 128 + n interrupted by signal n. Never throws for
 * bad input; every worker has exited when it returns.
 */
export async function runPrimesCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parsePrimesArgs(argv);
  if ('error' in parsed) {
    io.stderr.write(`pooltop primes: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(primesHelp());
    return 0;
  }
  const specs: TaskSpec[] = [];
  for (let x = parsed.from; x < parsed.to; x += parsed.step) specs.push({ workload: 'primes', method: parsed.method, arg: x });
  return runBatch(
    {
      command: 'primes',
      specs,
      workers: parsed.workers,
      ordered: parsed.ordered,
      compare: parsed.compare,
      format: (result) => `${result.value}\tpid ${result.pid}`,
      label: (result) => `next_prime(${result.arg})`,
      moreWork: '--from 100000000 --to 1000000000 --step 100000000',
    },
    io,
  );
}
