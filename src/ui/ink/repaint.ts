// Repainting the whole screen after a resize. A terminal that changes size keeps, crops or
// scrolls what was drawn, and Ink only starts over when the width shrinks — and then draws the old
// layout once more before pooltop's new one; it also skips a frame equal to the last one. So after
// each resize, once the new layout is committed, pooltop clears the screen and has Ink write the
// current frame again from the top-left corner, through fields of Ink's instance that are private;
// on a terminal Ink's log is pooltop's frame writer (frame-writer.ts), which draws that frame
// whole after clearing, inside one synchronized update.
import { useStdout } from 'ink';
import { useEffect, useRef } from 'react';
// Ink's map from stdout to its instance, by file: the very module Ink's render() fills.
import instances from '../../../node_modules/ink/build/instances.js';
import { inkMismatch } from './ink-version.js';

/** The parts of Ink's instance (ink/build/ink.js) a repaint touches. */
interface InkInstance {
  lastOutput: string;
  lastOutputToRender: string;
  lastOutputHeight: number;
  /** The frame writer: it too skips a frame equal to the one it wrote last. */
  log: { repaint?(): void };
  onRender(): void;
}

/**
 * Ink's instance drawing on `stdout`; throws, saying so, when it is not the shape repaint writes
 * (on a terminal, a log with the frame writer's repaint()).
 */
function inkInstance(stdout: NodeJS.WriteStream): InkInstance {
  const ink = (instances as unknown as WeakMap<object, Partial<InkInstance>>).get(stdout);
  if (
    typeof ink?.lastOutput !== 'string' ||
    typeof ink.lastOutputToRender !== 'string' ||
    typeof ink.lastOutputHeight !== 'number' ||
    (stdout.isTTY && typeof ink.log?.repaint !== 'function') ||
    typeof ink.onRender !== 'function'
  ) {
    throw inkMismatch("Ink's instance for this terminal has not the fields pooltop's repaint after a resize writes");
  }
  return ink as InkInstance;
}

/** Clears the terminal and writes Ink's current frame again (a terminal only: tests draw in memory). */
export function repaint(stdout: NodeJS.WriteStream): void {
  const ink = inkInstance(stdout);
  if (!stdout.isTTY) return;
  ink.log.repaint?.();
  ink.lastOutput = '';
  ink.lastOutputToRender = '';
  ink.lastOutputHeight = 0;
  ink.onRender();
}

/**
 * Repaints after each change of the terminal's size. The first render only checks that Ink's
 * instance is one repaint can write to, so a mismatch stops pooltop at start, not at a resize.
 */
export function useRepaintOnResize(columns: number, rows: number): void {
  const { stdout } = useStdout();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new size is what the effect runs for
  useEffect(() => {
    if (first.current) {
      first.current = false;
      inkInstance(stdout);
    } else {
      repaint(stdout);
    }
  }, [columns, rows, stdout]);
}
