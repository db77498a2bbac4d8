// A small terminal for the frame writer's tests: a grid of cells, each a character and the SGR
// parameters in effect when it was written, driven by the sequences the writer uses (cursor
// position and moves, carriage return, erase in line and display, scrolling regions and scrolls,
// SGR, the private modes it sets),
// with automatic wrap off
// as pooltop has it. Characters take the cells pooltop's width table gives them, wide ones two.
// Anything else it is sent fails the test: the writer must not send what this does not model.
import { codePointWidth } from '../../../src/model/code-point-width.js';

interface ModelCell {
  char: string;
  style: string;
}

const blank = (): ModelCell => ({ char: ' ', style: '' });

export class ScreenModel {
  readonly grid: ModelCell[][];
  private row = 0;
  private column = 0;
  /** The scrolling region, rows top..bottom (0-based). */
  private top = 0;
  private bottom: number;
  /** The SGR parameters in effect, as a canonical string (sorted, one per attribute). */
  private attributes = new Map<string, string>();
  /** Whether a synchronized update is open (?2026h without its l yet). */
  syncOpen = false;
  cursorVisible = true;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => Array.from({ length: columns }, blank));
    this.bottom = rows - 1;
  }

  write(bytes: string): void {
    let i = 0;
    while (i < bytes.length) {
      if (bytes[i] === '\x1b') {
        const match = /^\x1b\[([?]?)([0-9;]*)([A-Za-z])/.exec(bytes.slice(i));
        if (!match) throw new Error(`screen model: unknown escape at ${JSON.stringify(bytes.slice(i, i + 12))}`);
        this.control(match[1]!, match[2]!, match[3]!);
        i += match[0].length;
        continue;
      }
      if (bytes[i] === '\r') {
        this.column = 0;
        i++;
        continue;
      }
      const code = bytes.codePointAt(i)!;
      const char = String.fromCodePoint(code);
      i += char.length;
      this.put(char, code);
    }
  }

  /** The screen's lines as text (wide characters once, trailing blanks kept). */
  text(): string[] {
    return this.grid.map((line) => line.map((cell) => cell.char).join(''));
  }

  /** Every cell's character and style, for comparing two screens whole. */
  cells(): string {
    return this.grid.map((line) => line.map((cell) => `${cell.char}\u0000${cell.style}`).join('\u0001')).join('\n');
  }

  private style(): string {
    return [...this.attributes.entries()]
      .sort()
      .map(([, value]) => value)
      .join(';');
  }

  private put(char: string, code: number): void {
    const width = code < 0x20 ? -1 : codePointWidth(code);
    if (width < 0) throw new Error(`screen model: control U+${code.toString(16)} written`);
    const line = this.grid[this.row]!;
    if (width === 0) {
      const previous = line[Math.max(0, this.column - 1)]!;
      previous.char += char;
      return;
    }
    // Automatic wrap off: at the right edge the last cell is written over.
    const at = Math.min(this.column, this.columns - width);
    line[at] = { char, style: this.style() };
    if (width === 2) line[at + 1] = { char: '', style: this.style() };
    this.column = Math.min(this.columns, at + width);
  }

  private control(privateMark: string, parameters: string, final: string): void {
    const numbers = parameters === '' ? [] : parameters.split(';').map(Number);
    if (privateMark === '?') {
      if (final !== 'h' && final !== 'l') throw new Error(`screen model: unknown private mode ${parameters}${final}`);
      if (parameters === '2026') this.syncOpen = final === 'h';
      else if (parameters === '25') this.cursorVisible = final === 'h';
      else throw new Error(`screen model: unknown private mode ${parameters}`);
      return;
    }
    switch (final) {
      case 'H':
        this.row = Math.min(this.rows, Math.max(1, numbers[0] ?? 1)) - 1;
        this.column = Math.min(this.columns, Math.max(1, numbers[1] ?? 1)) - 1;
        return;
      case 'A':
      case 'B':
      case 'C':
      case 'D': {
        // Moves stop at the screen's edges, as a terminal's do.
        const n = Math.max(1, numbers[0] ?? 1);
        if (final === 'A') this.row = Math.max(0, this.row - n);
        if (final === 'B') this.row = Math.min(this.rows - 1, this.row + n);
        if (final === 'C') this.column = Math.min(this.columns - 1, this.column + n);
        if (final === 'D') this.column = Math.max(0, Math.min(this.columns - 1, this.column) - n);
        return;
      }
      case 'r':
        this.top = (numbers[0] ?? 1) - 1;
        this.bottom = (numbers[1] ?? this.rows) - 1;
        if (this.top >= this.bottom || this.bottom >= this.rows) throw new Error(`screen model: bad region ${parameters}`);
        this.row = 0;
        this.column = 0;
        return;
      case 'S':
      case 'T': {
        // Within the region; the lines it opens take the current background.
        for (let n = Math.max(1, numbers[0] ?? 1); n > 0; n--) {
          const opened = Array.from({ length: this.columns }, () => ({ char: ' ', style: this.background() }));
          if (final === 'S') {
            this.grid.splice(this.top, 1);
            this.grid.splice(this.bottom, 0, opened);
          } else {
            this.grid.splice(this.bottom, 1);
            this.grid.splice(this.top, 0, opened);
          }
        }
        return;
      }
      case 'K': {
        const line = this.grid[this.row]!;
        const [from, to] = (numbers[0] ?? 0) === 2 ? [0, this.columns] : [this.column, this.columns];
        for (let c = from; c < to; c++) line[c] = { char: ' ', style: this.background() };
        return;
      }
      case 'J':
        if (numbers[0] !== 2) throw new Error('screen model: only ESC [ 2 J is modelled');
        for (const line of this.grid) for (let c = 0; c < this.columns; c++) line[c] = { char: ' ', style: this.background() };
        return;
      case 'm':
        this.sgr(numbers.length === 0 ? [0] : numbers);
        return;
      default:
        throw new Error(`screen model: unknown sequence ${parameters}${final}`);
    }
  }

  /** Erased cells take the current background, as xterm and tmux erase (bce). */
  private background(): string {
    return this.attributes.get('bg') ?? '';
  }

  private sgr(list: number[]): void {
    for (let k = 0; k < list.length; k++) {
      const n = list[k]!;
      if (n === 0) this.attributes.clear();
      else if (n >= 1 && n <= 9) this.attributes.set(`a${n}`, String(n));
      else if (n === 22) {
        this.attributes.delete('a1');
        this.attributes.delete('a2');
      } else if (n >= 23 && n <= 29) this.attributes.delete(`a${n - 20}`);
      else if ((n >= 30 && n <= 37) || (n >= 90 && n <= 97)) this.attributes.set('fg', String(n));
      else if ((n >= 40 && n <= 47) || (n >= 100 && n <= 107)) this.attributes.set('bg', String(n));
      else if (n === 39) this.attributes.delete('fg');
      else if (n === 49) this.attributes.delete('bg');
      else if (n === 38 || n === 48) {
        const count = list[k + 1] === 5 ? 1 : 3;
        this.attributes.set(n === 38 ? 'fg' : 'bg', list.slice(k, k + 2 + count).join(';'));
        k += 1 + count;
      } else throw new Error(`screen model: unknown SGR ${n}`);
    }
  }
}

/** The screen a frame leaves when drawn on its own: cleared, each line written from its row's start. */
export function freshScreen(lines: readonly string[], columns: number, rows: number): ScreenModel {
  const screen = new ScreenModel(columns, rows);
  lines.forEach((line, row) => {
    screen.write(`\x1b[m\x1b[${row + 1}H${line}`);
  });
  return screen;
}
