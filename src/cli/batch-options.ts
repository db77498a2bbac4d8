// The options every batch command (`pooltop primes`, `pooltop sumsq`) reads the same way: integers
// within bounds, flags that take no value, and the one-line error for anything else.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sanitizeText } from '../model/sanitize.js';
import { MAX_WORKERS } from '../pool/pool-manager.js';
import { FULL_CORE } from './batch-command.js';

/** More tasks than this is a typo, not an experiment: each one is a message and a result line. */
export const MAX_TASKS = 100_000;

export const defaultWorkers = (): number => Math.min(MAX_WORKERS, Math.max(1, os.availableParallelism()));

/** The options both commands share, after their own. */
export const COMMON_FLAGS = ['ordered', 'compare', 'help'] as const;
export const WORKERS_BOUNDS = { min: 1, max: MAX_WORKERS };
export const COMMON_HELP = [
  '  --ordered      print results in submission order, like Pool.map (default: as they arrive)',
  '  --compare      run again on 1 worker and print the speedup, the parallel efficiency and',
  `                 the share of a core each run got (a warning when one got less than ${FULL_CORE})`,
  '  -h, --help     show this help',
];

export interface IntegerOption {
  min: number;
  max: number;
}

export interface ReadOptions {
  integers: Map<string, number>;
  flags: Set<string>;
}

/**
 * Reads `argv` against the command's integer options and flags (`-h` is --help); `command` names
 * the command in "see … --help". Never throws: bad input is an error line.
 */
export function readBatchOptions(
  argv: readonly string[],
  command: string,
  integers: Readonly<Record<string, IntegerOption>>,
  flags: readonly string[],
): ReadOptions | { error: string } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of Object.keys(integers)) options[name] = { type: 'string' };
  for (const name of flags) options[name] = name === 'help' ? { type: 'boolean', short: 'h' } : { type: 'boolean' };
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const raw = new Map<string, string>();
  const set = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') return { error: `unexpected argument "${shown(token.value)}"` };
    const name = token.name;
    if (flags.includes(name)) {
      if (token.value !== undefined) return { error: `${token.rawName} takes no value (got "${shown(token.value)}")` };
      set.add(name);
    } else if (Object.hasOwn(integers, name)) {
      if (token.value === undefined) return { error: `--${name} needs a value` };
      raw.set(name, token.value);
    } else {
      return { error: `unknown option "${shown(token.rawName)}" (see pooltop ${command} --help)` };
    }
  }
  const values = new Map<string, number>();
  if (set.has('help')) return { integers: values, flags: set };
  for (const [name, text] of raw) {
    const value = parseInteger(text);
    const { min, max } = integers[name]!;
    if (value === null || value < min || value > max) {
      return { error: `--${name} must be an integer from ${min} to ${max} (got "${shown(text)}")` };
    }
    values.set(name, value);
  }
  return { integers: values, flags: set };
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
