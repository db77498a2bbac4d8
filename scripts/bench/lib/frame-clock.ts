// When a program in a tmux pane draws its frames: the pane's output is piped (tmux pipe-pane)
// into a FIFO the bench reads, and every "begin synchronized update" (ESC [?2026h, which Ink
// writes at the start of each frame) is timestamped as it arrives.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, type ReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FRAME_START = Buffer.from('\x1b[?2026h');

export class FrameClock {
  /** performance.now() of each frame's first bytes. */
  readonly times: number[] = [];
  private tail = Buffer.alloc(0);

  private constructor(
    private readonly socket: string,
    private readonly target: string,
    private readonly dir: string,
    private readonly stream: ReadStream,
  ) {
    stream.on('data', (chunk) => this.onData(chunk as Buffer));
    // The pane or the pipe went away: nothing more to count.
    stream.on('error', () => {});
  }

  /** Starts piping `target`'s output (on tmux server `socket`) into a fresh FIFO read here. */
  static attach(socket: string, target: string): FrameClock {
    const dir = mkdtempSync(join(tmpdir(), 'pooltop-frames-'));
    const fifo = join(dir, 'out');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`mkfifo failed: ${made.stderr}`);
    }
    // Opening the read end waits (in libuv's thread pool) until cat opens the write end.
    const stream = createReadStream(fifo);
    const piped = spawnSync('tmux', ['-L', socket, 'pipe-pane', '-O', '-t', target, `exec cat > '${fifo}'`], { encoding: 'utf8' });
    if (piped.status !== 0) {
      stream.destroy();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`tmux pipe-pane failed: ${piped.stderr.trim()}`);
    }
    return new FrameClock(socket, target, dir, stream);
  }

  /** Frames that began between `from` and `to` (performance.now()). */
  between(from: number, to: number): number[] {
    return this.times.filter((t) => t >= from && t < to);
  }

  /** Stops the pipe (tmux closes cat's input, cat ends) and removes the FIFO. */
  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'pipe-pane', '-t', this.target], { stdio: 'ignore' });
    this.stream.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private onData(chunk: Buffer): void {
    const now = performance.now();
    // A marker may be split between two reads: search the end of the last one too (one byte
    // short of a marker, so none is counted twice).
    const data = Buffer.concat([this.tail, chunk]);
    for (let at = data.indexOf(FRAME_START); at >= 0; at = data.indexOf(FRAME_START, at + FRAME_START.length)) this.times.push(now);
    this.tail = data.subarray(Math.max(0, data.length - (FRAME_START.length - 1)));
  }
}
