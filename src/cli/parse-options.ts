// Command-line parsing for the monitor and `snapshot`: Node's parseArgs for the syntax, then
// every value checked, each failure a UsageError naming the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseColumnId, type ColumnId } from '../model/columns.js';
import { DEFAULT_TOP, MAX_TOP, type ProcessSelection } from '../model/process-selection.js';
import { sanitizeText } from '../model/sanitize.js';
import { readPidMax } from '../platform/pid-max.js';
import { someProcessHasUid } from '../platform/process-uids.js';
import { SOURCE_NAMES, type SourceName } from '../sampling/types.js';
import { UserNames } from '../sampling/user-names.js';
import { DEFAULT_LISTEN, parseListenAddress, type ListenAddress } from './listen-address.js';
import { UsageError } from './usage-error.js';

interface CommonOptions {
  /** Tree view (`-t`, `--tree`). */
  tree: boolean;
  user: string | null;
  pids: number[] | null;
  sortKey: ColumnId;
  source: SourceName | null;
  color: boolean;
}

export interface MonitorOptions extends CommonOptions {
  /** Refresh interval in milliseconds. */
  delayMs: number;
  /** Which settings the command line gave; the others come from the settings file. */
  given: { delay: boolean; sortKey: boolean; tree: boolean; color: boolean };
  /** NO_COLOR is set: monochrome for this run, without changing the saved choice. */
  noColorEnv: boolean;
  /** Start with a pool of this many workers running the primes stream (`--pool n`); null: none. */
  pool: number | null;
  /** Serve /metrics there too (`--metrics-listen`); null: no exporter. */
  metricsListen: ListenAddress | null;
}

export interface SnapshotOptions extends CommonOptions {
  json: boolean;
  /** Print a line of JSON per sample (`--watch`), every `delayMs`, `count` times (null: until stopped). */
  watch: boolean;
  delayMs: number;
  count: number | null;
  /** Only the processes of pooltop pools: workers and their descendants (`--pool-only`). */
  poolOnly: boolean;
}

export interface ServeOptions {
  listen: ListenAddress;
  /** Sampling interval in milliseconds. */
  delayMs: number;
  /** Which processes get series of their own. */
  selection: ProcessSelection;
  /** Run a pool of this many workers on the primes stream (`--pool n`); null: no pool. */
  pool: number | null;
  source: SourceName | null;
}

export type Command =
  | { kind: 'help'; text: 'monitor' | 'snapshot' | 'serve' }
  | { kind: 'version' }
  | { kind: 'monitor'; options: MonitorOptions }
  | { kind: 'snapshot'; options: SnapshotOptions }
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'primes'; argv: string[] };

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = {
  user: { type: 'string', short: 'u' },
  pid: { type: 'string', short: 'p' },
  'sort-key': { type: 'string', short: 's' },
  source: { type: 'string' },
  'no-color': { type: 'boolean' },
  tree: { type: 'boolean', short: 't' },
  help: { type: 'boolean', short: 'h' },
};

const MONITOR: Options = {
  ...COMMON,
  delay: { type: 'string', short: 'd' },
  pool: { type: 'string' },
  color: { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  'metrics-listen': { type: 'string' },
};

const SNAPSHOT: Options = {
  ...COMMON,
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  delay: { type: 'string', short: 'd' },
  count: { type: 'string' },
  'pool-only': { type: 'boolean' },
};

const SERVE: Options = {
  listen: { type: 'string' },
  delay: { type: 'string', short: 'd' },
  user: { type: 'string', short: 'u' },
  pid: { type: 'string', short: 'p' },
  match: { type: 'string' },
  top: { type: 'string' },
  pool: { type: 'string' },
  source: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const MAX_DELAY_TENTHS = 600;
const DEFAULT_DELAY_TENTHS = 10;

/** The whole command line → what to do. Throws UsageError for anything wrong. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  const [first, ...rest] = argv;
  if (first === 'primes') return { kind: 'primes', argv: rest };
  if (first === 'snapshot') {
    const values = parse(rest, SNAPSHOT, 'pooltop snapshot');
    if (values.help) return { kind: 'help', text: 'snapshot' };
    return { kind: 'snapshot', options: snapshotOptions(values, env) };
  }
  if (first === 'serve') {
    const values = parse(rest, SERVE, 'pooltop serve');
    if (values.help) return { kind: 'help', text: 'serve' };
    return { kind: 'serve', options: serveOptions(values) };
  }
  const values = parse(argv, MONITOR, 'pooltop');
  if (values.help) return { kind: 'help', text: 'monitor' };
  if (values.version) return { kind: 'version' };
  if (values.color && values['no-color']) throw new UsageError('pooltop: --color and --no-color contradict each other');
  const options = common(values, env);
  return {
    kind: 'monitor',
    options: {
      ...options,
      // --color wins over NO_COLOR: it is the more specific request.
      color: values.color === true ? true : options.color,
      delayMs: parseDelay(values.delay) * 100,
      given: {
        delay: values.delay !== undefined,
        sortKey: values['sort-key'] !== undefined,
        tree: values.tree === true,
        color: values.color === true || values['no-color'] === true,
      },
      noColorEnv: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
      pool: parsePoolSize(values.pool),
      metricsListen: values['metrics-listen'] === undefined ? null : parseListenAddress(values['metrics-listen'], '--metrics-listen'),
    },
  };
}

function snapshotOptions(values: Values, env: NodeJS.ProcessEnv): SnapshotOptions {
  const watch = values.watch === true;
  if (watch && values.json !== true) throw new UsageError('pooltop snapshot: --watch prints a line of JSON per sample: add --json');
  for (const [name, given] of [
    ['-d/--delay', values.delay],
    ['--count', values.count],
  ] as const) {
    if (given !== undefined && !watch) throw new UsageError(`pooltop snapshot: ${name} applies to --watch`);
  }
  return {
    ...common(values, env),
    json: values.json === true,
    watch,
    delayMs: parseDelay(values.delay) * 100,
    count: values.count === undefined ? null : parseCount(values.count),
    poolOnly: values['pool-only'] === true,
  };
}

function serveOptions(values: Values): ServeOptions {
  const pids = parsePids(values.pid);
  return {
    listen: values.listen === undefined ? DEFAULT_LISTEN : parseListenAddress(values.listen, '--listen'),
    delayMs: parseDelay(values.delay) * 100,
    selection: {
      pids: pids ? new Set(pids) : null,
      user: parseUser(values.user),
      match: parseMatch(values.match),
      top: parseTop(values.top),
    },
    pool: parsePoolSize(values.pool),
    source: parseSource(values.source),
  };
}

/** The most samples --count takes: over 31 years at one a second. */
export const MAX_COUNT = 1_000_000_000;

function parseCount(value: unknown): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_COUNT) {
    throw new UsageError(`pooltop snapshot: --count must be a number of samples from 1 to ${MAX_COUNT} (got "${sanitizeText(text)}")`);
  }
  return Number(text);
}

function parseTop(value: unknown): number {
  if (value === undefined) return DEFAULT_TOP;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) > MAX_TOP) {
    throw new UsageError(`pooltop serve: --top must be a number of processes from 0 to ${MAX_TOP} (got "${sanitizeText(text)}")`);
  }
  return Number(text);
}

/** A JavaScript regular expression, tested against whole command lines (case-sensitive, as grep). */
function parseMatch(value: unknown): RegExp | null {
  if (value === undefined) return null;
  const text = String(value);
  try {
    return new RegExp(text, 'u');
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new UsageError(`pooltop serve: --match takes a regular expression: ${sanitizeText(why)}`);
  }
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(argv: readonly string[], options: Options, command: string): Values {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error)} (see ${command} --help)`);
  }
}

/** `-d -5` would be "ambiguous" to parseArgs; pass it as `--delay=-5` so the value check names it. */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = Object.entries(options).find(
      ([long, o]) => o.type === 'string' && (arg === `--${long}` || (o.short !== undefined && arg === `-${o.short}`)),
    )?.[0];
    if (name && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = sanitizeText(String(e.message ?? error));
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted}'`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing')) return `option ${quoted.replace(' <value>', '')} needs a value`;
      return `option ${quoted} takes no value or a value of the wrong kind`;
    default:
      return message.split('\n')[0] ?? 'invalid arguments';
  }
}

function common(values: Values, env: NodeJS.ProcessEnv): CommonOptions {
  return {
    tree: values.tree === true,
    user: parseUser(values.user),
    pids: parsePids(values.pid),
    sortKey: parseSortKey(values['sort-key']),
    source: parseSource(values.source),
    color: values['no-color'] !== true && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
  };
}

export function parseDelay(value: unknown): number {
  if (value === undefined) return DEFAULT_DELAY_TENTHS;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_DELAY_TENTHS) {
    throw new UsageError(`pooltop: -d/--delay must be an integer number of tenths of a second from 1 to ${MAX_DELAY_TENTHS} (got "${sanitizeText(text)}")`);
  }
  return Number(text);
}

/** The most workers `--pool` starts: the pool manager's own limit. */
const MAX_POOL = 256;

function parsePoolSize(value: unknown): number | null {
  if (value === undefined) return null;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_POOL) {
    throw new UsageError(`pooltop: --pool must be a number of workers from 1 to ${MAX_POOL} (got "${sanitizeText(text)}")`);
  }
  return Number(text);
}

export function parsePids(value: unknown, pidMax = readPidMax()): number[] | null {
  if (value === undefined) return null;
  const text = String(value);
  // pid_max is one more than the largest PID the kernel hands out.
  const max = pidMax - 1;
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > max);
  if (parts.length === 0 || bad !== undefined) {
    throw new UsageError(`pooltop: -p/--pid takes a comma-separated list of PIDs from 1 to ${max} (got "${sanitizeText(bad ?? text)}")`);
  }
  return [...new Set(parts.map(Number))];
}

/** The largest uid_t that names a user: (uid_t) −1 means "no UID" to setreuid(2) and chown(2). */
const MAX_UID = 4_294_967_294;

/**
 * A user name from passwd, or a UID as ps -u takes one: written as the system writes it (no
 * leading zeros, at most MAX_UID), and known to passwd (its name is returned) or in use by some
 * process (returned as the number, which is what the USER column shows for it).
 */
export function parseUser(value: unknown, users = new UserNames(), inUse: (uid: number) => boolean = someProcessHasUid): string | null {
  if (value === undefined) return null;
  const text = String(value);
  if (users.uidOf(text) !== undefined) return text;
  if (/^\d+$/.test(text)) {
    const shown = sanitizeText(text.length > 24 ? `${text.slice(0, 24)}…` : text);
    if (text.length > 1 && text.startsWith('0')) {
      throw new UsageError(`pooltop: -u/--user: "${shown}" is not a UID as the system writes it (no leading zeros)`);
    }
    const uid = Number(text);
    if (uid > MAX_UID) throw new UsageError(`pooltop: -u/--user: UID ${shown} is out of range (0 to ${MAX_UID})`);
    const name = users.name(uid);
    if (name !== text) return name;
    if (inUse(uid)) return text;
    throw new UsageError(`pooltop: -u/--user: no user has UID ${text} and no process runs as it`);
  }
  throw new UsageError(`pooltop: -u/--user: no such user "${sanitizeText(text)}"`);
}

function parseSortKey(value: unknown): ColumnId {
  if (value === undefined) return 'cpu';
  const id = parseColumnId(String(value));
  if (!id) {
    throw new UsageError(
      `pooltop: -s/--sort-key: unknown column "${sanitizeText(String(value))}" (try pid, ppid, user, pri, ni, virt, res, state, cpu, mem, time, core, command)`,
    );
  }
  return id;
}

function parseSource(value: unknown): SourceName | null {
  if (value === undefined) return null;
  const text = String(value);
  if (!(SOURCE_NAMES as readonly string[]).includes(text)) {
    throw new UsageError(`pooltop: --source must be one of ${SOURCE_NAMES.join(', ')} (got "${sanitizeText(text)}")`);
  }
  return text as SourceName;
}
