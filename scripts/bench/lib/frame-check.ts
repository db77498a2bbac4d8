// What a correct pooltop frame looks like, checked line by line on a plain-text capture: the
// header, the titles, every table row parsed cell by cell, the message line and the key bar where
// the layout puts them, nothing wider than the terminal, no error text; or the one-line notice
// when the terminal is too small. Shared by the churn and resize tests and the soak.
import stringWidth from 'string-width';
import { COLUMNS, type Column, type ColumnId } from '../../../src/model/columns.js';
import { computeLayout } from '../../../src/ui/layout.js';

export interface FrameCheck {
  /** What the screen shows: the main screen, the too-small notice, or neither. */
  kind: 'main' | 'too-small' | 'other';
  /** Everything wrong with it, one line each; empty when the frame is correct. */
  problems: string[];
  /** Table rows that parsed. */
  rows: number;
}

/** Text that must never be on screen: the poller's failure message, the crash report, a stack frame. */
const ERROR_TEXT = /sampling failed|internal error|\b(Type|Range|Reference|Syntax)Error\b|^\s+at \S.*:\d+:\d+\)?$/m;

/** What a cell of each default column may hold (right-aligned cells are padded on the left); the others are not checked. */
const CELL: Partial<Record<Exclude<ColumnId, 'command'>, RegExp>> = {
  pid: /^ *\d+$/,
  ppid: /^ *\d+$/,
  // Left-aligned: a user name (or a numeric UID) starts in the first cell.
  user: /^\S/,
  pri: /^ *(-?\d+|RT|-)$/,
  ni: /^ *(-?\d+|-)$/,
  virt: /^ *(0|\d+(\.\d+)?[KMGTP])$/,
  res: /^ *(0|\d+(\.\d+)?[KMGTP])$/,
  shr: /^ *(0|\d+(\.\d+)?[KMGTP])$/,
  // The states /proc reports: running, sleeping, disk, stopped, tracing stop, zombie, dead, idle, paging, parked, wakekill.
  state: /^[RSDTtZXxIWPK]$/,
  cpu: /^ *\d+(\.\d)?$/,
  mem: /^ *\d+(\.\d)?$/,
  time: /^ *(\d+:\d\d\.\d\d|\d+h\d\d:\d\d|-)$/,
  core: /^ *(\d+|-)$/,
};

const HEADER_PARTS: readonly [string, RegExp][] = [
  ['core 0 meter', /^\s*0\[[^\]]*\]/m],
  ['Mem meter', /^Mem\[/m],
  ['Swp meter', /^Swp\[/m],
  ['Tasks', /Tasks: \d+/],
  ['Load average', /Load average: [\d.]+/],
  ['Uptime', /Uptime: /],
];

/** The title line: PID first, Command last (narrow terminals drop columns in between). */
const TITLES = /^\s*PID[\s▽△].*\bCommand\s*$/;

const BY_HEADER = new Map<string, Column>(COLUMNS.map((c) => [c.header, c]));

/** The columns the title line shows, in order, or a problem. */
function titleColumns(titles: string): Column[] | string {
  // The sort direction's mark (▽ △) sits in the space after the sorted title, or inside a left-aligned one's cells.
  const names = titles.split(/[\s▽△]+/).filter(Boolean);
  const columns: Column[] = [];
  for (const name of names) {
    const column = BY_HEADER.get(name);
    if (!column) return `unknown column title ${JSON.stringify(name)} in ${JSON.stringify(titles)}`;
    columns.push(column);
  }
  if (columns[0]?.id !== 'pid' || columns.at(-1)?.id !== 'command') return `titles do not run from PID to Command: ${JSON.stringify(titles)}`;
  return columns;
}

/** Why `line` is not a table row under `columns`, or null when every cell parses. */
function rowProblem(line: string, columns: readonly Column[]): string | null {
  let at = 0;
  for (const column of columns) {
    if (column.id === 'command') {
      const command = line.slice(at);
      return command.trim() === '' ? 'empty Command cell' : null;
    }
    const cell = line.slice(at, at + column.width);
    if (CELL[column.id]?.test(cell) === false) return `${column.header} cell ${JSON.stringify(cell)} does not parse`;
    if (line[at + column.width] !== ' ') return `no space after the ${column.header} cell`;
    at += column.width + 1;
  }
  return 'no Command cell';
}

export interface FrameContext {
  /** Cores of the machine (one meter each). */
  cores: number;
  /** A pool runs: the header has a pool line and a pool panel may sit between the header and the titles. */
  pool?: boolean;
  /**
   * The system meter lines the header has (0–2), when known: a too-small notice does not show
   * them, yet the size it needs counts them. Without it they are counted on the screen.
   */
  meterLines?: number;
}

/** The screen tabs' line: names two spaces apart, the shown one in brackets (`[Main]  I/O`). */
const SCREEN_TABS = /^ ?(?:\S[^[\]]*? {2})*\[[^\]]+\](?: {2}\S[^[\]]*?)* ?$/;

/**
 * The system meters' lines (disk and network; frequency, temperature, battery, GPU): where the
 * machine has them. The first sample's disk and network rates are unknown yet: `Disk: - read`.
 */
const METER_LINES = [/(?:^|\s)Disk: (?:\S+\/s|-) read, /, /(?:^|\s)(?:Freq|Temp|Bat|GPU): \S/];

/**
 * How many system meter lines the header of `screen` shows (0 to 2): they come and go with what
 * the machine has and when it was first read. Looked for only where a header with both could reach.
 */
export function meterLinesShown(screen: string, size: { columns: number; rows: number }, context: FrameContext): number {
  const reach = computeLayout(size.columns, size.rows, context.cores, (context.pool ? 1 : 0) + METER_LINES.length).headerHeight;
  const header = screen.split('\n').slice(0, reach);
  return METER_LINES.filter((re) => header.some((line) => re.test(line))).length;
}

/** Checks a plain capture (`capture-pane -p`) of pooltop in a `columns` × `rows` terminal. */
export function checkFrame(screen: string, size: { columns: number; rows: number }, context: FrameContext): FrameCheck {
  const { columns, rows } = size;
  const lines = screen.split('\n');
  // capture-pane ends with a newline: one line per terminal row, no more.
  if (lines.length === rows + 1 && lines.at(-1) === '') lines.pop();
  const problems: string[] = [];
  lines.forEach((line, i) => {
    const width = stringWidth(line);
    if (width > columns) problems.push(`line ${i} is ${width} cells wide in a ${columns}-column terminal`);
  });
  if (lines.length !== rows) problems.push(`${lines.length} lines captured from a ${rows}-row terminal`);
  const error = ERROR_TEXT.exec(screen);
  if (error) problems.push(`error text on screen: ${JSON.stringify(error[0])}`);

  const layout = computeLayout(columns, rows, context.cores, (context.pool ? 1 : 0) + (context.meterLines ?? meterLinesShown(screen, size, context)));
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (layout.tooSmall) {
    const notice = nonBlank[0] ?? '';
    const ok = nonBlank.length === 1 && lines[0] === notice && isNoticeStart(notice);
    if (!ok)
      problems.push(`expected only the too-small notice on the first line, got ${nonBlank.length} non-blank lines: ${JSON.stringify(nonBlank.slice(0, 3))}`);
    // A notice from before the resize would also pass the above: where the size shows, it must be this one.
    const shown = /(\d+)x(\d+)[),]/.exec(notice);
    if (shown && shown[0].slice(0, -1) !== `${columns}x${rows}`) problems.push(`the notice names ${shown[0].slice(0, -1)}, not ${columns}x${rows}`);
    return { kind: ok ? 'too-small' : 'other', problems, rows: 0 };
  }

  for (const [name, re] of HEADER_PARTS) if (!re.test(screen)) problems.push(`header has no ${name}`);
  // The titles follow the header and the screen tabs' line (blank with one screen; the shown
  // screen's name bracketed), or, while a pool runs, its panel.
  const titleLine = context.pool ? lines.findIndex((l, i) => i > layout.headerHeight && TITLES.test(l)) : layout.headerHeight + 1;
  const above = lines[titleLine - 1] ?? '';
  if (!context.pool && above.trim() !== '' && !SCREEN_TABS.test(above))
    problems.push(`line ${titleLine - 1}, above the titles, is neither blank nor the screen tabs`);
  const columnsShown = titleColumns(lines[titleLine] ?? '');
  let parsed = 0;
  if (typeof columnsShown === 'string') {
    problems.push(`line ${titleLine}: ${columnsShown}`);
  } else {
    // The rows fill the page; fewer processes than the page leave blank lines below the last.
    let blankSeen = false;
    // The table ends above the message line (rows − 3).
    for (let i = titleLine + 1; i <= rows - 4 && i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') {
        blankSeen = true;
        continue;
      }
      const problem = blankSeen ? 'a row after a blank line' : rowProblem(line, columnsShown);
      if (problem) problems.push(`line ${i} is not a table row (${problem}): ${JSON.stringify(line)}`);
      else parsed++;
    }
    if (parsed === 0) problems.push('no table rows');
  }
  // Ink draws one line less than the terminal: message line, key bar, then the untouched last row.
  const keyBarLine = rows - 2;
  if (!/^F1Help\s/.test(lines[keyBarLine] ?? '')) problems.push(`line ${keyBarLine} is not the key bar: ${JSON.stringify(lines[keyBarLine] ?? '')}`);
  if ((lines[rows - 1] ?? '').trim() !== '') problems.push(`the last line is not blank: ${JSON.stringify(lines[rows - 1])}`);
  return { kind: problems.length === 0 ? 'main' : 'other', problems, rows: parsed };
}

/** The too-small notice, however much of it fits: "Terminal too small (…" or "Too small: …", cut to the width. */
function isNoticeStart(line: string): boolean {
  const text = line.trimEnd();
  return text.length > 0 && ['Terminal too small', 'Too small: '].some((w) => w.startsWith(text) || text.startsWith(w));
}
