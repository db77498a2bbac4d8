// End to end, what pooltop writes to the terminal: after many refreshes drawn as changes only,
// the screen is the one a fresh full draw gives, every frame is one synchronized update, and a
// refresh writes a fraction of a full frame.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { startPooltop } from './pooltop-session.js';
import type { TmuxSession } from './tmux-session.js';

let session: TmuxSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await session?.kill();
  session = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const BEGIN = '\x1b[?2026h';
const END = '\x1b[?2026l';

describe("pooltop's output to the terminal", { timeout: 90_000 }, () => {
  it('draws only changes, each frame synchronized, and leaves the screen a fresh draw would', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-frames-'));
    const log = join(dir, 'pane-output');
    // Ten refreshes a second, so the table and meters change many times.
    session = await startPooltop(['-d', '1']);
    await session.tmux('pipe-pane', '-O', '-t', session.pane, `cat >> '${log}'`);
    const start = Date.now();
    await session.waitFor(() => readFileSync(log, 'latin1').split(BEGIN).length > 40, {
      timeoutMs: 30_000,
      description: '40 frames written',
    });
    await session.sendKeys('Z');
    await session.waitFor('[FROZEN]', { description: 'the [FROZEN] mark' });
    // Steady: two looks a moment apart agree (a message may still be fading).
    let drawn = '';
    await session.waitFor(
      (now) => {
        const steady = now === drawn;
        drawn = now;
        return steady;
      },
      { colors: true, timeoutMs: 15_000, description: 'a steady frozen screen' },
    );
    await session.tmux('pipe-pane', '-t', session.pane);
    const output = readFileSync(log, 'utf8');

    // A full draw of the same frame: a resize and back repaints the whole screen from a clear one.
    await session.resize(121, 40);
    await session.waitFor((now) => now !== drawn, { colors: true, description: 'the screen at 121 columns' });
    await session.resize(120, 40);
    await session.waitFor((now) => now === drawn, {
      colors: true,
      timeoutMs: 10_000,
      description: `the fresh full draw equal to the screen after ${Date.now() - start} ms of changes drawn`,
    });

    const frames = output.split(BEGIN).slice(1);
    assert.ok(frames.length > 40, `${frames.length} frames`);
    for (const frame of frames)
      assert.equal(frame.indexOf(END), frame.length - END.length, `one synchronized update a frame: ${JSON.stringify(frame.slice(-40))}`);
    // Outside the updates only modes (the cursor hidden), never text.
    const outside = output.split(BEGIN).map((piece, i) => (i === 0 ? piece : piece.slice(piece.indexOf(END) + END.length)));
    assert.equal(outside.join('').replace(/\x1b\[\?[0-9;]*[hl]/g, ''), '');
    const sizes = frames.map((frame) => Buffer.byteLength(frame)).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1]!;
    // The screen whole, as text and SGR sequences: about what a full draw writes.
    const full = Buffer.byteLength(drawn);
    assert.ok(median * 3 < full, `a refresh's median ${median} bytes, under a third of the full screen's ${full}`);
  });
});
