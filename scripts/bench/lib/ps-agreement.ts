// How far `pooltop snapshot --json` is from ps (and /proc/[pid]/statm for SHR, which ps lacks),
// field by field: ps runs just before and just after the snapshot, and a field is judged only
// where the two ps readings agree (a value that changed meanwhile has no one right answer).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One process as ps shows it; sizes in bytes, times in seconds. */
interface PsRow {
  ppid: number;
  user: string;
  state: string;
  priority: number;
  nice: number;
  threads: number;
  vsz: number;
  rss: number;
  shr: number | null;
  time: number;
  start: number;
  command: string;
}

type Field = keyof PsRow;
const FIELDS: readonly Field[] = ['ppid', 'user', 'state', 'priority', 'nice', 'threads', 'vsz', 'rss', 'shr', 'time', 'start', 'command'];

export interface FieldAgreement {
  field: Field;
  /** Processes where both ps readings agree and pooltop gave a value. */
  compared: number;
  agree: number;
  /** Processes for which pooltop says it does not know (null). */
  unknown: number;
  /** The worst disagreement, as text (an absolute error, or the two values). */
  worst: string;
}

/** Every process ps lists: the fields above, keyed by PID. */
export function readPs(): Map<number, PsRow> {
  const ps = (format: string): string[] =>
    execFileSync('ps', ['-e', '-ww', '-o', format], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' } })
      .split('\n')
      .filter((line) => line.trim() !== '');
  const rows = new Map<number, PsRow>();
  for (const line of ps('pid=,ppid=,euser:64=,stat=,priority=,ni=,nlwp=,vsz=,rss=,cputimes=')) {
    const [pid, ppid, user, stat, priority, nice, threads, vsz, rss, time] = line.trim().split(/\s+/);
    rows.set(Number(pid), {
      ppid: Number(ppid),
      user: user ?? '',
      state: (stat ?? '')[0] ?? '',
      priority: Number(priority),
      nice: nice === '-' ? Number.NaN : Number(nice),
      threads: Number(threads),
      vsz: Number(vsz) * 1024,
      rss: Number(rss) * 1024,
      shr: statmShared(Number(pid)),
      time: Number(time),
      start: 0,
      command: '',
    });
  }
  for (const line of ps('pid=,lstart=')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    const row = match ? rows.get(Number(match[1])) : undefined;
    if (row && match) row.start = Date.parse(`${match[2]} UTC`) / 1000;
  }
  for (const line of ps('pid=,args=')) {
    const match = /^\s*(\d+) (.*)$/.exec(line);
    const row = match ? rows.get(Number(match[1])) : undefined;
    if (row && match) row.command = match[2]!.replace(/ <defunct>$/, '');
  }
  return rows;
}

function statmShared(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(fields[2]) * 4096;
  } catch {
    return null;
  }
}

/** A JSON process's value of a field, in ps's units; null when pooltop says it does not know. */
function pooltopValue(p: Record<string, unknown>, field: Field): number | string | null {
  const value = field === 'start' ? p.startTime : field === 'shr' ? p.shared : p[field];
  if (value === null || value === undefined) return null;
  if (field === 'start') return Date.parse(String(value)) / 1000;
  return value as number | string;
}

/** How wrong `got` is against `want`: 0 when it agrees (allowing ps's whole seconds). */
function error(field: Field, got: number | string, want: number | string): number {
  if (typeof want === 'string' || typeof got === 'string') return got === want ? 0 : 1;
  // ps floors its TIME to whole seconds.
  if (field === 'time') return got >= want && got < want + 1 ? 0 : Math.abs(got - want);
  // ps's start adds the ticks to btime, which is cut to the second, and cuts the sum again: it
  // is up to 2 s early, never late.
  if (field === 'start') return got >= want && got < want + 2 ? 0 : Math.abs(got - want);
  return Math.abs(got - want);
}

function describe(field: Field, got: number | string, want: number | string): string {
  if (typeof want === 'string' || typeof got === 'string') {
    const cut = (s: string | number) => JSON.stringify(String(s).slice(0, 40));
    return `${cut(got)} for ${cut(want)}`;
  }
  const diff = got - want;
  if (field === 'rss' || field === 'vsz' || field === 'shr') {
    return `${diff > 0 ? '+' : ''}${(diff / 1024).toFixed(0)} KiB (${want > 0 ? ((diff / want) * 100).toFixed(1) : '∞'} %)`;
  }
  return `${diff > 0 ? '+' : ''}${Number(diff.toFixed(3))}`;
}

/** Field by field, pooltop's processes against the two ps readings (excluding `skip`: ps, pooltop). */
export function compare(
  json: { processes: Record<string, unknown>[] },
  before: Map<number, PsRow>,
  after: Map<number, PsRow>,
  skip: ReadonlySet<number>,
): FieldAgreement[] {
  return FIELDS.map((field) => {
    const result: FieldAgreement = { field, compared: 0, agree: 0, unknown: 0, worst: '-' };
    let worst = 0;
    for (const p of json.processes) {
      const pid = p.pid as number;
      const a = before.get(pid);
      const b = after.get(pid);
      if (skip.has(pid) || !a || !b) continue;
      const want = a[field];
      if (want === null || b[field] !== want || (typeof want === 'number' && Number.isNaN(want))) continue;
      const got = pooltopValue(p, field);
      // ps shows what is not printable ASCII as '?': such a command line cannot be compared.
      if (field === 'command' && typeof got === 'string' && /[^\x20-\x7e]/.test(got)) continue;
      if (got === null) {
        result.unknown++;
        continue;
      }
      result.compared++;
      const e = error(field, got, want);
      if (e === 0) result.agree++;
      else if (e > worst) {
        worst = e;
        result.worst = describe(field, got, want);
      }
    }
    return result;
  });
}
