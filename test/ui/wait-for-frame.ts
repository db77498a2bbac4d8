// Waiting for Ink to draw: a key or a store change shows in lastFrame() a little later, sooner or
// later depending on the machine's load, so tests wait for what they expect to see, not for a time.
import { plain } from './render-with-store.js';

/** What a frame must show: a pattern its text (styles removed) matches, or a test of the frame as drawn. */
export type FrameCondition = RegExp | ((frame: string) => boolean);

/** Waits until the last frame meets `condition` and returns it; fails after `ms` with that frame in the message. */
export async function waitForFrame(lastFrame: () => string | undefined, condition: FrameCondition, what = String(condition), ms = 5000): Promise<string> {
  const meets = typeof condition === 'function' ? condition : (frame: string) => condition.test(plain(frame));
  for (const end = Date.now() + ms; ; await new Promise((resolve) => setTimeout(resolve, 5))) {
    const frame = lastFrame() ?? '';
    if (meets(frame)) return frame;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}; the last frame:\n${plain(frame)}`);
  }
}

/** Waits until `test` holds, for what a frame does not show (a count of writes, events seen); fails after `ms`. */
export async function waitUntil(test: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !test(); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
  }
}
