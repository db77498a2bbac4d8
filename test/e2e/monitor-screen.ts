// pooltop's screen as an end-to-end test reads it: the header, the column titles, the table rows
// and which of them is selected (shown only by colour), and the key bar.
import { COLUMNS } from '../../src/model/columns.js';
import { KEY_TABLE } from '../../src/ui/key-table.js';
import { parseStyledCapture, type StyledLine } from './sgr-screen.js';

/** Between two titles: spaces, or the sort direction's mark (htop's ▽ △) in the space after the sorted one. */
const GAP = '[\\s▽△]+';
/** The column titles at full width (from 89 columns on, no column is dropped). */
export const TITLES = new RegExp(
  `^\\s*PID${GAP}PPID${GAP}USER${GAP}PRI${GAP}NI${GAP}VIRT${GAP}RES${GAP}SHR${GAP}S${GAP}CPU%${GAP}MEM%${GAP}TIME\\+${GAP}CPU${GAP}Command`,
  'm',
);
/** The column titles at any width: narrow terminals drop columns, but PID leads and Command ends. */
export const ANY_TITLES = /^\s*PID[\s▽△].*\bCommand/m;
/** The whole key bar as a wide terminal shows it, in the key table's order. */
export const KEY_BAR = new RegExp(
  `^${KEY_TABLE.flatMap((b) => (b.footer ? [b.footer] : []))
    .sort((a, b) => a.order - b.order)
    .map((f) => `${f.key}${f.word}`)
    .join('\\s+')}`,
  'm',
);
/** The key bar's start, which any width shows. */
const ANY_KEY_BAR = /^F1Help\s/m;
/** Where the state is among a full-width row's blank-separated cells (user names have no blanks). */
const STATE_CELL = COLUMNS.findIndex((c) => c.id === 'state');

/** The state letter of a table row at full width (no column dropped), or undefined. */
export function rowState(text: string): string | undefined {
  const cell = text.trim().split(/\s+/)[STATE_CELL];
  return cell && /^[A-Za-z-]$/.test(cell) ? cell : undefined;
}

/** A table row: the PID first. */
const ROW = /^\s*(\d+)\s/;

/** The header's parts: core 0's meter, memory, swap, tasks, load average, uptime. */
export function hasHeader(screen: string): boolean {
  return [/^\s*0\[[^\]]*\]/m, /^Mem\[/m, /^Swp\[/m, /Tasks: \d+/, /Load average: [\d.]+/, /Uptime: /].every((re) => re.test(screen));
}

/** The whole main screen at any size that fits it: header, titles, at least one row and the key bar (plain or -e capture). */
export function hasMainScreen(capture: string): boolean {
  const screen = plain(capture);
  const table = readTable(capture);
  return hasHeader(screen) && ANY_KEY_BAR.test(screen) && table !== null && table.rows.length > 0;
}

export interface TableRow {
  /** The terminal row (0 = top). */
  line: number;
  pid: number;
  /** null when the terminal is too narrow for the PPID column. */
  ppid: number | null;
  /** The Command column's text, trimmed. */
  command: string;
  /** The whole line. */
  text: string;
  /** Drawn highlighted: only meaningful for a capture made with colours (-e). */
  selected: boolean;
}

export interface Table {
  /** The terminal row of the column titles. */
  titleLine: number;
  rows: TableRow[];
}

/** The table under the column titles, or null when the titles are not on screen. */
export function readTable(capture: string): Table | null {
  const lines = parseStyledCapture(capture);
  const titleLine = lines.findIndex((l) => ANY_TITLES.test(l.text));
  if (titleLine < 0) return null;
  const titles = lines[titleLine]!.text;
  const commandAt = titles.indexOf('Command');
  const hasPpid = /^\s*PID[\s▽△]+PPID[\s▽△]/.test(titles);
  const rows: TableRow[] = [];
  for (let i = titleLine + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const match = ROW.exec(line.text);
    if (!match) break;
    const ppid = hasPpid ? /^\s*\d+\s+(\d+)\s/.exec(line.text)?.[1] : undefined;
    rows.push({
      line: i,
      pid: Number(match[1]),
      ppid: ppid === undefined ? null : Number(ppid),
      command: line.text.slice(commandAt).trim(),
      text: line.text,
      selected: isHighlighted(line),
    });
  }
  return { titleLine, rows };
}

/** The highlighted rows of a -e capture: exactly one while a row is selected. */
export function selectedRows(capture: string): TableRow[] {
  return readTable(capture)?.rows.filter((r) => r.selected) ?? [];
}

/**
 * Whether a whole line is drawn highlighted: every character up to the last non-blank one has a
 * background colour or inverse video (the colour theme and --no-color both count), where an
 * ordinary row has the default background throughout.
 */
function isHighlighted(line: StyledLine): boolean {
  const end = line.text.trimEnd().length;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const s = line.styles[i]!;
    if (s.bg === null && !s.inverse) return false;
  }
  return true;
}

/** The screen's text without colours, whichever way it was captured. */
export function plain(capture: string): string {
  return capture.includes('\x1b')
    ? parseStyledCapture(capture)
        .map((l) => l.text)
        .join('\n')
    : capture;
}

/** The non-blank lines of a screen. */
export function nonBlankLines(capture: string): string[] {
  return plain(capture)
    .split('\n')
    .filter((l) => l.trim() !== '');
}
