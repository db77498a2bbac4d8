// The writer Ink draws each frame on a terminal with, installed in place of Ink 6.8's log-update:
// only what changed on screen (frame-diff.ts), each frame inside a synchronized update so the
// terminal shows it whole, and no frame queued behind one the stream has not taken yet (the
// newest waits for 'drain' and replaces any older one waiting). Ink's incremental log-update
// moves the cursor one line short on frames with a trailing newline, and its standard one
// rewrites every line of every frame (docs/ink-patches.md).
import logUpdate from '../../../node_modules/ink/build/log-update.js';
import { frameDiff } from './frame-diff.js';
import { inkMismatch } from './ink-version.js';

const BEGIN_SYNC = '\x1b[?2026h';
const END_SYNC = '\x1b[?2026l';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

/** The calls Ink's instance makes on its log-update (ink/build/ink.js). */
export interface InkLog {
  (text: string): boolean;
  clear(): void;
  done(): void;
  sync(text: string): void;
  setCursorPosition(position: unknown): void;
  isCursorDirty(): boolean;
  willRender(text: string): boolean;
  /** pooltop's: the next frame clears the screen and is drawn whole (repaint.ts, after a resize). */
  repaint?(): void;
}

type Stream = Pick<NodeJS.WriteStream, 'write' | 'once' | 'columns'> & { writableNeedDrain?: boolean };

/** A frame's lines: Ink ends a frame shorter than the terminal with a newline, which is no line. */
function frameLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

export function createFrameWriter(stream: Stream, { showCursor = false }: { showCursor?: boolean } = {}): InkLog {
  /** What the terminal shows once it has what was written; null: unknown, so the next frame clears it. */
  let shown: string[] | null = null;
  /** The last frame given, written or waiting. */
  let latest = '';
  /** A frame waiting for the stream to drain. */
  let waiting: string[] | null = null;
  let cursorHidden = false;

  const draw = (lines: string[]): void => {
    const bytes = frameDiff(shown, lines, stream.columns || 80);
    shown = lines;
    if (bytes !== '') stream.write(BEGIN_SYNC + bytes + END_SYNC);
  };
  const drained = (): void => {
    const lines = waiting;
    waiting = null;
    if (lines !== null) draw(lines);
  };

  const render = ((text: string): boolean => {
    if (!showCursor && !cursorHidden) {
      stream.write(HIDE_CURSOR);
      cursorHidden = true;
    }
    if (text === latest && shown !== null) return false;
    latest = text;
    const lines = frameLines(text);
    if (stream.writableNeedDrain) {
      // The terminal is behind: this frame replaces any still waiting, drawn against what was sent.
      if (waiting === null) stream.once('drain', drained);
      waiting = lines;
      return true;
    }
    draw(lines);
    return true;
  }) as InkLog;

  // Ink clears before writing text of its own above the frame (console output, <Static>), which
  // pooltop does not use: here, as after a resize, the next frame clears the screen and is drawn whole.
  render.clear = () => {
    shown = null;
    latest = '';
  };
  render.repaint = render.clear;
  render.done = () => {
    waiting = null;
    shown = null;
    latest = '';
    if (!showCursor && cursorHidden) {
      stream.write(SHOW_CURSOR);
      cursorHidden = false;
    }
  };
  // Ink says the screen shows `text` (after it drew a full-height frame itself, which pooltop never does).
  render.sync = (text: string) => {
    latest = text;
    shown = frameLines(text);
  };
  // pooltop shows no cursor in its frames, so there is no position to keep.
  render.setCursorPosition = () => {};
  render.isCursorDirty = () => false;
  // Ink wraps a frame in a synchronized update when this says one will be written; this writer
  // wraps its own, so Ink adds none.
  render.willRender = () => false;
  return render;
}

type Create = (stream: NodeJS.WriteStream, options?: { showCursor?: boolean; incremental?: boolean }) => InkLog;

/**
 * Puts the frame writer in place of Ink's log-update for every terminal (a stream that is not one,
 * as in tests that read frames from what is written, keeps Ink's). Throws, saying so, when Ink's
 * log-update is another shape.
 */
export function installFrameWriter(module: unknown = logUpdate): void {
  const target = module as { create?: Create; __pooltopCreate?: Create };
  const original = target?.create;
  if (typeof original !== 'function') throw inkMismatch("Ink's log-update has no create() for pooltop's frame writer to stand in for");
  if (target.__pooltopCreate) return;
  target.__pooltopCreate = original;
  target.create = (stream, options = {}) => (stream.isTTY === true ? createFrameWriter(stream, options) : original(stream, options));
}
