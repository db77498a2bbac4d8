// The side-by-side comparison of pooltop with htop, btop and top: the figures each run gives, and
// the markdown table they are printed as (the README's Performance table has this shape).

/** The columns, in the order they are printed: the yardsticks, then pooltop with CPU graphs, then with every feature. */
const PROGRAMS = ['htop', 'btop', 'top', 'pooltop', 'pooltop-all'] as const;
export type ProgramKey = (typeof PROGRAMS)[number];

/** One program's figures over one measuring window. */
export interface Figures {
  /** Its threads' and reaped children's CPU (utime+stime+cutime+cstime), ms per second of the window. */
  cpuMsPerSecond: number;
  /** VmHWM at the end of the window, bytes. */
  peakRss: number | null;
  /** CPU of the program's own tmux server over the whole window, ms: what drawing its output costs the terminal. */
  tmuxCpuMs: number | null;
  /** Bytes it wrote (wchar) per refresh. */
  bytesPerRefresh: number | null;
  /** From asking tmux for the session to its first full frame on screen, started alone, ms. */
  firstFrameMs: number | null;
}

/** One row of process counts: the machine's own processes plus `extra` idle ones the bench started. */
export interface Level {
  extra: number;
  /** Processes in /proc when the window opened. */
  processes: number;
  windowSeconds: number;
  /** The programs ran one after another, each alone in its window, not all at once. */
  alone?: boolean;
  figures: Partial<Record<ProgramKey, Figures>>;
}

export interface Comparison {
  /** Column titles of the programs that ran (with their versions). */
  titles: Partial<Record<ProgramKey, string>>;
  levels: readonly Level[];
  /** `--version` (top: `-V`) wall time, median, ms. */
  versionMs: Partial<Record<ProgramKey, number>>;
}

const DASH = '—';

/** Three significant figures, as the table gives them: 3.26, 54.8, 155. */
export function significant(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const size = Math.abs(value);
  return value.toFixed(size >= 100 ? 0 : size >= 10 ? 1 : 2);
}

/** A ratio with two significant figures: 0.27×, 1.8×, 12×. */
export function times(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return DASH;
  return `${ratio.toFixed(ratio >= 10 ? 0 : ratio >= 1 ? 1 : 2)}×`;
}

export function ratio(ours: number | null | undefined, theirs: number | null | undefined): number | null {
  return ours === null || ours === undefined || theirs === null || theirs === undefined || theirs <= 0 ? null : ours / theirs;
}

const MIB = 1024 * 1024;

export function levelName(level: Level): string {
  return level.extra === 0 ? 'machine' : `+${level.extra.toLocaleString('en')}`;
}

function levelTitle(level: Level): string {
  const processes = `${level.processes.toLocaleString('en')} processes${level.alone ? ', each program alone' : ''}`;
  return level.extra === 0 ? `machine (${processes})` : `+${level.extra.toLocaleString('en')} idle (${processes})`;
}

function isPooltop(key: ProgramKey): boolean {
  return key === 'pooltop' || key === 'pooltop-all';
}

/** The table as markdown lines: one column per program that ran, rows as in the table. */
export function comparisonTable(comparison: Comparison): string[] {
  const keys = PROGRAMS.filter((key) => comparison.titles[key] !== undefined);
  const row = (title: string, cell: (key: ProgramKey) => string) => `| ${[title, ...keys.map(cell)].join(' | ')} |`;
  const lines = [`| | ${keys.map((key) => comparison.titles[key]).join(' | ')} |`, `| ${['---', ...keys.map(() => '---')].join(' | ')} |`];
  const perLevel = (title: string, cell: (figures: Figures | undefined, level: Level, key: ProgramKey) => string) => {
    for (const level of comparison.levels) lines.push(row(title.replace('LEVEL', levelName(level)), (key) => cell(level.figures[key], level, key)));
  };

  for (const level of comparison.levels) {
    lines.push(
      row(`${levelTitle(level)}, CPU ms per second`, (key) => {
        const cpu = level.figures[key]?.cpuMsPerSecond;
        if (cpu === undefined) return DASH;
        if (!isPooltop(key)) return significant(cpu);
        const against = (other: ProgramKey) => {
          const r = ratio(cpu, level.figures[other]?.cpuMsPerSecond);
          return r === null ? [] : [`${times(r)} ${other}`];
        };
        const ratios = [...against('htop'), ...against('btop')];
        return ratios.length > 0 ? `${significant(cpu)} (${ratios.join(', ')})` : significant(cpu);
      }),
    );
  }
  lines.push(
    row('peak RSS', (key) => {
      const peaks = comparison.levels.flatMap((level) => {
        const peak = level.figures[key]?.peakRss;
        return peak === null || peak === undefined ? [] : [peak / MIB];
      });
      if (peaks.length === 0) return DASH;
      const [low, high] = [Math.min(...peaks), Math.max(...peaks)];
      return low.toFixed(1) === high.toFixed(1) ? `${low.toFixed(1)} MB` : `${low.toFixed(1)}–${high.toFixed(1)} MB`;
    }),
  );
  const seconds = comparison.levels[0]?.windowSeconds;
  perLevel(`the terminal's (tmux server's) CPU over ${seconds ?? '?'} s, LEVEL`, (figures) =>
    figures?.tmuxCpuMs === null || figures?.tmuxCpuMs === undefined ? DASH : `${Math.round(figures.tmuxCpuMs)} ms`,
  );
  perLevel('bytes written to the terminal per refresh, LEVEL', (figures) =>
    figures?.bytesPerRefresh === null || figures?.bytesPerRefresh === undefined ? DASH : `${(figures.bytesPerRefresh / 1024).toFixed(1)} KiB`,
  );
  perLevel('first full frame after launch, LEVEL', (figures) =>
    figures?.firstFrameMs === null || figures?.firstFrameMs === undefined ? DASH : `${Math.round(figures.firstFrameMs)} ms`,
  );
  lines.push(
    row('`--version` (top: `-V`), median', (key) => {
      const ms = comparison.versionMs[key];
      return ms === undefined ? DASH : `${significant(ms)} ms`;
    }),
  );
  return lines;
}
