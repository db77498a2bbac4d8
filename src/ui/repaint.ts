// Repainting the whole screen after a resize. A terminal that changes size keeps, crops or
// scrolls what was drawn, and Ink only starts over when the width shrinks — and then draws the old
// layout once more before pooltop's new one; it also skips a frame equal to the last one. So after
// each resize, once the new layout is committed, pooltop clears the screen and has Ink write the
// current frame again from the top-left corner.

/** The parts of Ink's instance (ink/build/ink.js) a repaint touches; pinned to ink ~6.8. */
interface InkInstance {
  lastOutput: string;
  lastOutputToRender: string;
  lastOutputHeight: number;
  /** log-update: it too skips a frame equal to the one it wrote last. */
  log?: { sync?(text: string): void };
  onRender(): void;
}

type Instances = WeakMap<object, InkInstance>;

let instances: Instances | null = null;

/** Registers Ink's map of instances (the bundle imports it by file; see ui-bundle-entry.ts). */
export function useInkInstances(map: unknown): void {
  if (map instanceof WeakMap) instances = map as Instances;
}

/** For Ink loaded from node_modules: the same map, found beside Ink's entry point. */
export async function loadInkInstances(): Promise<void> {
  try {
    const url = new URL('./instances.js', import.meta.resolve('ink'));
    useInkInstances(((await import(url.href)) as { default?: unknown }).default);
  } catch {
    // Without it a resize is left to Ink alone: correct in most cases.
  }
}

/** Clears the terminal and writes Ink's current frame again. False when it could not. */
export function repaint(stdout: NodeJS.WriteStream): boolean {
  const ink = instances?.get(stdout);
  if (!ink || typeof ink.onRender !== 'function' || !stdout.isTTY) return false;
  // Home and clear: log-update's relative moves start from the top-left corner, where moving up
  // does nothing, so the frame lands on the first line however the terminal reflowed.
  stdout.write('\x1b[H\x1b[2J');
  ink.lastOutput = '';
  ink.lastOutputToRender = '';
  ink.lastOutputHeight = 0;
  ink.log?.sync?.('');
  ink.onRender();
  return true;
}
