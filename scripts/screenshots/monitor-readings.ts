// What the screenshot scenes read off pooltop's screen to know it has settled: the per-core
// meters, the uptime (which ticks once per sample), the pool panel's workers and tasks done.
import { plain, readTable } from '../../test/e2e/monitor-screen.js';

/** Each core meter's percentage, in screen order, from the header above the memory meter. */
export function coreMeters(screen: string): number[] {
  const text = plain(screen);
  const header = text.slice(0, Math.max(0, text.search(/^Mem\[/m)));
  return [...header.matchAll(/(?:^|\s)\d+\[[^\]\n]*?(\d+(?:\.\d+)?)%\]/gm)].map((m) => Number(m[1]));
}

/** The header's uptime text ("01:03:26"), which changes with every sample; null before the first. */
export function uptime(screen: string): string | null {
  return /Uptime: (\S+)/.exec(plain(screen))?.[1] ?? null;
}

export interface PoolPanelReading {
  workers: number;
  done: number;
  /** Each worker line's state letter (R, S, T…), in panel order. */
  states: string[];
  /** Each worker line's PID, in panel order. */
  pids: number[];
  /** Each worker line's CPU% (NaN where it shows '-'), in panel order. */
  cpu: number[];
  /** The summary's wall time in seconds. */
  wallSeconds: number;
}

/** The pool panel's summary and worker states, or null while no panel is shown. */
export function poolPanel(screen: string): PoolPanelReading | null {
  const lines = plain(screen).split('\n');
  const summaryAt = lines.findIndex((l) => /^Pool: \d+ workers · /.test(l));
  if (summaryAt < 0) return null;
  const summary = lines[summaryAt]!;
  const states: string[] = [];
  const pids: number[] = [];
  const cpu: number[] = [];
  // The column titles, then one line per worker ("    1   10036 R   1  98.1  primes …").
  for (const line of lines.slice(summaryAt + 2)) {
    const match = /^\s+\d+\s+(\d+) (\S)\s+\S+\s+(\S+) /.exec(line);
    if (!match) break;
    pids.push(Number(match[1]));
    states.push(match[2]!);
    cpu.push(Number(match[3]));
  }
  // "wall 0:05", "wall 1:02:03".
  const wall = / · wall ([\d:]+) · /.exec(summary)?.[1] ?? '0';
  return {
    pids,
    cpu,
    wallSeconds: wall.split(':').reduce((sum, part) => sum * 60 + Number(part), 0),
    workers: Number(/^Pool: (\d+) workers/.exec(summary)?.[1] ?? 0),
    done: Number(/ · (\d+) done · /.exec(summary)?.[1] ?? 0),
    states,
  };
}

/** The state letter (S column) of each table row, by PID. */
export function tableStates(screen: string): Map<number, string> {
  const states = new Map<number, string>();
  const table = readTable(screen);
  if (!table) return states;
  // The S column sits under the title's "S": the same cell in every row.
  const titles = plain(screen).split('\n')[table.titleLine] ?? '';
  const at = titles.search(/ S[ ▽△]/) + 1;
  if (at <= 0) return states;
  for (const row of table.rows) states.set(row.pid, row.text[at] ?? '?');
  return states;
}
