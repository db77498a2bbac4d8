// Taking over the terminal and giving it back: the alternate screen, the cursor, raw mode and
// mouse reporting, restored exactly once on every way out (Ink 6.8 has no alternate-screen option
// of its own).
import { writeSync } from 'node:fs';

// Bracketed paste (?2004): the terminal wraps pasted text in ESC [200~ … ESC [201~, so a paste is
// read as text, never as keys (src/ui/input-decoder.ts). Automatic wrap (DECAWM, ?7) is off while
// pooltop draws: a line the terminal finds wider than pooltop measured it is clipped at the right
// edge, instead of wrapping and scrolling the whole screen.
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?7l\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?7h\x1b[?25h\x1b[?1049l';
// Mouse reporting: presses, releases and the wheel (?1000), written as SGR (?1006): ESC [ < b ; x ; y M,
// which has no size limit and cannot be mistaken for typed text (src/ui/mouse-report.ts). Left on,
// the shell after pooltop would receive every click as garbage, so LEAVE turns it off first.
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1006l\x1b[?1000l';

export class Terminal {
  private active = false;

  constructor(
    private readonly stdin: NodeJS.ReadStream,
    private readonly stdout: NodeJS.WriteStream,
    /** Ask for mouse reports (off with --no-mouse). */
    private readonly mouse = true,
  ) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    this.write(ENTER + (this.mouse ? MOUSE_ON : ''));
  }

  /** Leaves the alternate screen, shows the cursor and ends raw mode. Safe to call many times, also from an 'exit' handler. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.stdin.isTTY && this.stdin.isRaw) this.stdin.setRawMode(false);
    } catch {
      // stdin may already be closed (SIGHUP): nothing to restore there.
    }
    this.write((this.mouse ? MOUSE_OFF : '') + LEAVE);
  }

  get isActive(): boolean {
    return this.active;
  }

  private write(text: string): void {
    try {
      // Synchronous, so it happens even inside process.on('exit').
      writeSync((this.stdout as unknown as { fd: number }).fd ?? 1, text);
    } catch {
      // The terminal is gone (hang-up): there is nothing left to restore.
    }
  }
}
