// `pooltop primes`: the seed's prime program run headless on a pool, timed like bash's `time`.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sanitizeText } from '../model/sanitize.js';
import { MAX_WORKERS, PoolManager } from '../pool/pool-manager.js';
import type { TaskResult, TaskSpec } from '../pool/task.js';
import { MAX_PRIME_ARG } from '../pool/workloads.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** More tasks than this is a typo, not an experiment: each one is a message and a result line. */
export const MAX_TASKS = 100_000;

const OPTIONS = {
  workers: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  step: { type: 'string' },
  naive: { type: 'boolean' },
  sqrt: { type: 'boolean' },
  ordered: { type: 'boolean' },
  compare: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

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

/** The integer options: bounds keep every next_prime inside 32-bit integers (2^31 − 1 is prime). */
const BOUNDS: Record<'workers' | 'from' | 'to' | 'step', { min: number; max: number }> = {
  workers: { min: 1, max: MAX_WORKERS },
  from: { min: 2, max: MAX_PRIME_ARG },
  to: { min: 3, max: MAX_PRIME_ARG + 1 },
  step: { min: 1, max: MAX_PRIME_ARG },
};

const defaultWorkers = (): number => Math.min(MAX_WORKERS, Math.max(1, os.availableParallelism()));

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
    '  --ordered      print results in submission order, like Pool.map (default: as they arrive)',
    '  --compare      run again on 1 worker and print the speedup and parallel efficiency',
    '  -h, --help     show this help',
    '',
    `Numbers are integers (1_000_000 is fine); --from and --step up to ${MAX_PRIME_ARG} (2^31 − 1,`,
    `a prime), --to up to ${MAX_PRIME_ARG + 1}; at most ${MAX_TASKS} tasks.`,
    '',
  ].join('\n');
}

/** Parsed options, or the one-line reason they are not usable. */
export function parsePrimesArgs(argv: readonly string[]): PrimesOptions | { error: string } {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const raw = new Map<OptionName, string>();
  const flags = new Set<OptionName>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') return { error: `unexpected argument "${shown(token.value)}"` };
    const name = token.name as OptionName;
    if (!Object.hasOwn(OPTIONS, token.name)) return { error: `unknown option "${shown(token.rawName)}" (see pooltop primes --help)` };
    if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) return { error: `${token.rawName} takes no value (got "${shown(token.value)}")` };
      flags.add(name);
    } else {
      if (token.value === undefined) return { error: `--${name} needs a value` };
      raw.set(name, token.value);
    }
  }
  if (flags.has('help')) return { ...defaults(), help: true };
  if (flags.has('naive') && flags.has('sqrt')) return { error: '--naive and --sqrt exclude each other' };

  const options = defaults();
  for (const name of ['workers', 'from', 'to', 'step'] as const) {
    const text = raw.get(name);
    if (text === undefined) continue;
    const value = parseInteger(text);
    const { min, max } = BOUNDS[name];
    if (value === null || value < min || value > max) {
      return { error: `--${name} must be an integer from ${min} to ${max} (got "${shown(text)}")` };
    }
    options[name] = value;
  }
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

/** Decimal digits, optionally grouped with underscores as in Python (1_000_000). */
function parseInteger(text: string): number | null {
  if (text.length > 20 || !/^\d+(_\d+)*$/.test(text)) return null;
  const value = Number(text.replaceAll('_', ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** User input echoed in an error: no terminal controls, and not a screenful. */
function shown(text: string): string {
  const safe = sanitizeText(text);
  return safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
}

/** bash's `time` format: 0m3.281s. */
export function formatBashTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const minutes = Math.floor(total / 60_000);
  return `${minutes}m${((total - minutes * 60_000) / 1000).toFixed(3)}s`;
}

interface RunTimes {
  realMs: number;
  userMs: number;
  sysMs: number;
}

const SIGNAL_STATUS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

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

  const pools = new Set<PoolManager>();
  let interrupted: NodeJS.Signals | null = null;
  let wake: () => void = () => {};
  const interruption = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted ??= signal;
    for (const pool of pools) pool.shutdown();
    wake();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);

  const run = async (workers: number, print: (result: TaskResult) => void): Promise<RunTimes | null> => {
    const pool = new PoolManager();
    pools.add(pool);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      await Promise.race([pool.start(workers, { pollMs: 0 }), interruption]);
      if (interrupted !== null) return null;
      const results = await Promise.race([pool.submit(specs, { onResult: parsed.ordered ? undefined : print }), interruption]);
      if (interrupted !== null || results === undefined) return null;
      if (parsed.ordered) results.forEach(print);
      const failed = results.find((r) => r.error !== null);
      if (failed) throw new Error(`next_prime(${failed.arg}) failed: ${failed.error}`);
      // Workers' CPU as they last reported it (each result carries its total), before they go.
      const { cpuUserMs, cpuSystemMs } = pool.snapshot().summary;
      await pool.stop();
      const realMs = performance.now() - t0;
      const parent = process.cpuUsage(cpu0);
      return { realMs, userMs: cpuUserMs + parent.user / 1000, sysMs: cpuSystemMs + parent.system / 1000 };
    } finally {
      pool.shutdown();
      await pool.kill();
      pools.delete(pool);
    }
  };

  const printResult = (result: TaskResult): void => {
    io.stdout.write(`${result.value}\tpid ${result.pid}\n`);
  };

  try {
    const main = await run(parsed.workers, printResult);
    if (main === null) return stopBy(interrupted, io);
    const plural = parsed.workers === 1 ? 'worker' : 'workers';
    io.stdout.write(
      [
        '',
        `real\t${formatBashTime(main.realMs)}`,
        `user\t${formatBashTime(main.userMs)}`,
        `sys\t${formatBashTime(main.sysMs)}`,
        `cores busy: ${((main.userMs + main.sysMs) / main.realMs).toFixed(2)} ((user + sys) ÷ real) with ${parsed.workers} ${plural}, ${specs.length} tasks`,
        '',
      ].join('\n'),
    );
    if (parsed.compare) {
      const one = await run(1, () => {});
      if (one === null) return stopBy(interrupted, io);
      const speedup = one.realMs / main.realMs;
      io.stdout.write(
        [
          `1 worker: real ${formatBashTime(one.realMs)}  user ${formatBashTime(one.userMs)}  sys ${formatBashTime(one.sysMs)}`,
          `speedup: ${speedup.toFixed(2)}x on ${parsed.workers} ${plural}; parallel efficiency ${(speedup / parsed.workers).toFixed(2)} (speedup ÷ workers)`,
          ...(one.realMs < 1000 ? ['(little work: starting processes weighs on these figures; try --from 100000000 --to 1000000000 --step 100000000)'] : []),
          '',
        ].join('\n'),
      );
    }
    return 0;
  } catch (error) {
    if (interrupted !== null) return stopBy(interrupted, io);
    io.stderr.write(`pooltop primes: ${sanitizeText(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

function stopBy(signal: NodeJS.Signals | null, io: CommandIo): number {
  io.stderr.write(`pooltop primes: interrupted${signal ? ` by ${signal}` : ''}; every worker was stopped\n`);
  return signal ? (SIGNAL_STATUS[signal] ?? 1) : 1;
}
