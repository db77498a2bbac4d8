// Command-line parsing for the monitor and `snapshot`: Node's parseArgs for the syntax, then
// every value checked, each failure a UsageError naming the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COLUMNS, parseColumnId, parseColumnList, type ColumnId } from '../model/columns.js';
import { isSchemeName, SCHEME_NAMES, type SchemeName } from '../model/scheme-names.js';
import { DEFAULT_TOP, MAX_TOP, type ProcessSelection } from '../model/process-selection.js';
import { sanitizeText } from '../model/sanitize.js';
import { readPidMax } from '../platform/pid-max.js';
import { processOfThread } from '../platform/process-threads.js';
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
  /** Highlight new and exited processes, a process being new this many seconds (`-H`, `--highlight-changes[=secs]`); null: as the settings say. */
  highlightSecs: number | null;
  /** Which settings the command line gave; the others come from the settings file. */
  given: { delay: boolean; sortKey: boolean; tree: boolean; color: boolean };
  /** NO_COLOR is set: monochrome for this run, without changing the saved choice. */
  noColorEnv: boolean;
  /** `--color-scheme`: this run's scheme; null: the saved one. */
  colorScheme: SchemeName | null;
  /** Mouse reports asked of the terminal (`--no-mouse`, htop's -M, turns them off). */
  mouse: boolean;
  /** Start with a pool of this many workers running the primes stream (`--pool n`); null: none. */
  pool: number | null;
  /** Serve /metrics there too (`--metrics-listen`); null: no exporter. */
  metricsListen: ListenAddress | null;
  /** `--readonly`: no key signals, renices or otherwise changes a process; no pool. */
  readonly: boolean;
  /** `pooltop run [options] -- CMD ARGS…`: the program to start and watch; null for the plain monitor. */
  run: { file: string; args: string[] } | null;
  /** Record every sample into this new file (`--record`); null: no recording. */
  record: string | null;
}

export interface RecordOptions {
  file: string;
  /** Sampling interval in milliseconds. */
  delayMs: number;
  /** Stop after this many seconds, or this many samples (null: until stopped). */
  durationMs: number | null;
  count: number | null;
  source: SourceName | null;
}

export interface ReplayOptions {
  file: string;
  /** The monitor's options for the replay: no pool, exporter or recording of its own. */
  monitor: MonitorOptions;
}

export interface SnapshotOptions extends CommonOptions {
  json: boolean;
  /** Print a line of JSON per sample (`--watch`), every `delayMs`, `count` times (null: until stopped). */
  watch: boolean;
  delayMs: number;
  count: number | null;
  /** Only the processes of pooltop pools: workers and their descendants (`--pool-only`). */
  poolOnly: boolean;
  /** `--details` (with --json and -p): each process's details, as the details view shows them. */
  details: boolean;
  /** `--env`: with --details, the environment of the user's own processes too. */
  env: boolean;
  /** `--columns`: the table's columns and the JSON's fields; null: the default set (and every field). */
  columns: ColumnId[] | null;
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
  | { kind: 'help'; text: 'monitor' | 'snapshot' | 'serve' | 'record' | 'replay' | 'run' }
  | { kind: 'version' }
  | { kind: 'monitor'; options: MonitorOptions }
  | { kind: 'snapshot'; options: SnapshotOptions }
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'record'; options: RecordOptions }
  | { kind: 'replay'; options: ReplayOptions }
  | { kind: 'primes'; argv: string[] }
  | { kind: 'sumsq'; argv: string[] };

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
  'color-scheme': { type: 'string' },
  'no-mouse': { type: 'boolean', short: 'M' },
  version: { type: 'boolean', short: 'V' },
  'metrics-listen': { type: 'string' },
  readonly: { type: 'boolean' },
  'highlight-changes': { type: 'string', short: 'H' },
  record: { type: 'string' },
};

const RECORD: Options = {
  delay: { type: 'string', short: 'd' },
  duration: { type: 'string' },
  count: { type: 'string' },
  source: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const REPLAY: Options = {
  user: { type: 'string', short: 'u' },
  pid: { type: 'string', short: 'p' },
  'sort-key': { type: 'string', short: 's' },
  tree: { type: 'boolean', short: 't' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const SNAPSHOT: Options = {
  ...COMMON,
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  delay: { type: 'string', short: 'd' },
  count: { type: 'string' },
  'pool-only': { type: 'boolean' },
  details: { type: 'boolean' },
  env: { type: 'boolean' },
  columns: { type: 'string' },
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
/** htop's bounds and default for how long a process counts as new (highlight_changes_delay_secs). */
export const DEFAULT_HIGHLIGHT_SECS = 5;
export const MAX_HIGHLIGHT_SECS = 24 * 60 * 60;
const DEFAULT_DELAY_TENTHS = 10;

/** The whole command line → what to do. Throws UsageError for anything wrong. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  const [first, ...rest] = argv;
  if (first === 'primes') return { kind: 'primes', argv: rest };
  if (first === 'sumsq') return { kind: 'sumsq', argv: rest };
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
  if (first === 'record') {
    const { values, file } = parseWithFile(rest, RECORD, 'pooltop record');
    if (values.help) return { kind: 'help', text: 'record' };
    return { kind: 'record', options: recordOptions(values, requireFile(file, 'pooltop record')) };
  }
  if (first === 'replay') {
    const { values, file } = parseWithFile(rest, REPLAY, 'pooltop replay');
    if (values.help) return { kind: 'help', text: 'replay' };
    if (values.color && values['no-color']) throw new UsageError('pooltop replay: --color and --no-color contradict each other');
    const noColor = values['no-color'] === true || (values.color !== true && env.NO_COLOR !== undefined && env.NO_COLOR !== '');
    const monitor: MonitorOptions = {
      tree: values.tree === true,
      // A recording's users are its own: -u takes a name as it shows them, unknown here maybe.
      user: values.user === undefined ? null : parseReplayUser(values.user),
      pids: parsePids(values.pid),
      sortKey: parseSortKey(values['sort-key']),
      source: null,
      color: !noColor,
      delayMs: DEFAULT_DELAY_TENTHS * 100,
      given: {
        delay: false,
        sortKey: values['sort-key'] !== undefined,
        tree: values.tree === true,
        color: values.color === true || values['no-color'] === true,
      },
      noColorEnv: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
      pool: null,
      metricsListen: null,
      record: null,
      run: null,
      // A replay changes nothing: its keys that would are refused as the past's (dispatch-key.ts).
      readonly: false,
      highlightSecs: null,
      colorScheme: null,
      mouse: true,
    };
    return { kind: 'replay', options: { file: requireFile(file, 'pooltop replay'), monitor } };
  }
  if (first === 'run') return runCommand(rest, env);
  return monitorCommand(argv, env, null);
}

/**
 * `pooltop run [monitor options] -- CMD ARGS…`, or `pooltop run CMD ARGS…` when CMD does not start
 * with "-": everything after `--` (or from CMD on) is the program's, never pooltop's.
 */
function runCommand(rest: readonly string[], env: NodeJS.ProcessEnv): Command {
  const split = rest.indexOf('--');
  const ours = split >= 0 ? rest.slice(0, split) : rest[0]?.startsWith('-') ? rest : [];
  const program = split >= 0 ? rest.slice(split + 1) : rest[0]?.startsWith('-') ? [] : rest;
  if (ours.includes('-h') || ours.includes('--help')) return { kind: 'help', text: 'run' };
  const [file, ...args] = program;
  if (file === undefined || file === '')
    throw new UsageError('pooltop run: name the program to run after --: pooltop run -- python3 pool.py (see pooltop run --help)');
  const command = monitorCommand(ours, env, { file, args });
  if (command.kind === 'monitor' && command.options.pool !== null) {
    // Pool workers reaped during the run would be counted in its user and sys times.
    throw new UsageError('pooltop run: --pool does not go with run (its workers would count in the times); start a pool with w inside');
  }
  return command;
}

function monitorCommand(argv: readonly string[], env: NodeJS.ProcessEnv, run: MonitorOptions['run']): Command {
  const name = run === null ? 'pooltop' : 'pooltop run';
  const values = parse(withHighlightDefault(argv), MONITOR, name);
  if (values.help) return { kind: 'help', text: 'monitor' };
  if (values.version) return { kind: 'version' };
  if (values.color && values['no-color']) throw new UsageError(`${name}: --color and --no-color contradict each other`);
  const options = common(values, env);
  if (values.readonly === true && values.pool !== undefined) {
    throw new UsageError('pooltop: --readonly and --pool contradict each other (read-only mode starts no pool)');
  }
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
      colorScheme: parseColorScheme(values['color-scheme']),
      mouse: values['no-mouse'] !== true,
      pool: parsePoolSize(values.pool),
      metricsListen: values['metrics-listen'] === undefined ? null : parseListenAddress(values['metrics-listen'], '--metrics-listen'),
      readonly: values.readonly === true,
      highlightSecs: values['highlight-changes'] === undefined ? null : parseHighlightSecs(values['highlight-changes']),
      record: values.record === undefined ? null : parseFile(values.record, 'pooltop: --record'),
      run,
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
  const details = values.details === true;
  if (details && (values.json !== true || values.pid === undefined)) {
    throw new UsageError('pooltop snapshot: --details needs --json and -p PID[,PID...]');
  }
  if (details && watch) throw new UsageError('pooltop snapshot: --details prints once: leave out --watch');
  if (values.env === true && !details) throw new UsageError('pooltop snapshot: --env applies to --details');
  return {
    ...common(values, env),
    json: values.json === true,
    details,
    env: values.env === true,
    watch,
    delayMs: parseDelay(values.delay) * 100,
    count: values.count === undefined ? null : parseCount(values.count),
    poolOnly: values['pool-only'] === true,
    columns: parseColumns(values.columns),
  };
}

function parseColorScheme(value: unknown): SchemeName | null {
  if (value === undefined) return null;
  const text = String(value);
  if (!isSchemeName(text)) throw new UsageError(`pooltop: --color-scheme must be one of ${SCHEME_NAMES.join(', ')} (got "${sanitizeText(text)}")`);
  return text;
}

/** `--columns pid,user,cpu`: column IDs or their ps and htop names, comma-separated. */
function parseColumns(value: unknown): ColumnId[] | null {
  if (value === undefined) return null;
  const text = String(value);
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => parseColumnId(p) === undefined);
  const ids = bad === undefined ? parseColumnList(parts) : undefined;
  if (!ids) {
    throw new UsageError(
      `pooltop snapshot: --columns takes a comma-separated list of columns (unknown: "${sanitizeText(bad ?? text)}"; known: ${COLUMNS.map((c) => c.id).join(', ')})`,
    );
  }
  return ids;
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

function parseCount(value: unknown, command = 'pooltop snapshot'): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_COUNT) {
    throw new UsageError(`${command}: --count must be a number of samples from 1 to ${MAX_COUNT} (got "${sanitizeText(text)}")`);
  }
  return Number(text);
}

/** The longest --duration, in seconds: ten years. */
export const MAX_DURATION_S = 315_360_000;

function recordOptions(values: Values, file: string): RecordOptions {
  let durationMs: number | null = null;
  if (values.duration !== undefined) {
    const text = String(values.duration);
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_DURATION_S) {
      throw new UsageError(`pooltop record: --duration must be a number of seconds from 1 to ${MAX_DURATION_S} (got "${sanitizeText(text)}")`);
    }
    durationMs = Number(text) * 1000;
  }
  return {
    file,
    delayMs: parseDelay(values.delay) * 100,
    durationMs,
    count: values.count === undefined ? null : parseCount(values.count, 'pooltop record'),
    source: parseSource(values.source),
  };
}

/** A file name as given: not empty, no NUL (which no system call takes), at most PATH_MAX. */
function parseFile(value: unknown, what: string): string {
  const text = String(value);
  if (text === '' || text.includes('\0') || Buffer.byteLength(text) > 4095) {
    throw new UsageError(`${what} needs a file name (got "${sanitizeText(text.slice(0, 80))}")`);
  }
  return text;
}

function requireFile(file: string | undefined, command: string): string {
  if (file === undefined) throw new UsageError(`${command}: name the recording's file (see ${command} --help)`);
  return parseFile(file, command);
}

/** A user of the recorded machine: a name or a UID as written there, which this machine need not know. */
function parseReplayUser(value: unknown): string {
  const text = String(value);
  if (text === '' || text.length > 256 || /[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    throw new UsageError(`pooltop replay: -u/--user takes a user name as the recording shows it (got "${sanitizeText(text.slice(0, 80))}")`);
  }
  return text;
}

/** Options and one file name, the only positional argument. */
function parseWithFile(argv: readonly string[], options: Options, command: string): { values: Values; file: string | undefined } {
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: true });
    if (positionals.length > 1) throw new UsageError(`${command}: one file only (got ${positionals.length} arguments; see ${command} --help)`);
    return { values, file: positionals[0] };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${command}: ${describeParseError(error)} (see ${command} --help)`);
  }
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

/**
 * htop's `-H` and `--highlight-changes` take their seconds optionally (getopt's "H::"), which
 * parseArgs cannot say: bare, they are given htop's default here. `-H7` and `--highlight-changes=7`
 * pass as they are.
 */
function withHighlightDefault(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === '-H' || arg === '--highlight-changes' ? `--highlight-changes=${DEFAULT_HIGHLIGHT_SECS}` : arg));
}

function parseHighlightSecs(value: unknown): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_HIGHLIGHT_SECS) {
    throw new UsageError(
      `pooltop: -H/--highlight-changes takes how many seconds a process counts as new, from 1 to ${MAX_HIGHLIGHT_SECS} (got "${sanitizeText(text)}")`,
    );
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

/**
 * -p's PIDs. A thread's ID (which /proc opens but does not list) stands for the process it is a
 * thread of, as kill(2) takes it: `-p 1235` then shows process 1234 when 1235 is its thread.
 */
export function parsePids(value: unknown, pidMax = readPidMax(), processOf: (tid: number) => number | null = processOfThread): number[] | null {
  if (value === undefined) return null;
  const text = String(value);
  // pid_max is one more than the largest PID the kernel hands out.
  const max = pidMax - 1;
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > max);
  if (parts.length === 0 || bad !== undefined) {
    throw new UsageError(`pooltop: -p/--pid takes a comma-separated list of PIDs from 1 to ${max} (got "${sanitizeText(bad ?? text)}")`);
  }
  return [...new Set(parts.map((part) => processOf(Number(part)) ?? Number(part)))];
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
      `pooltop: -s/--sort-key: unknown column "${sanitizeText(String(value))}" (try pid, ppid, user, pri, ni, virt, res, shr, state, cpu, mem, time, core, command)`,
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
