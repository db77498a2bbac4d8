// The progress of a batch run whose results are not printed as they come (--ordered, the --compare
// rerun): one line on stderr, rewritten in place on a terminal (each second and each task), a
// line every five seconds otherwise (a log of a long run stays short).
import type { TaskResult } from '../pool/task.js';

const TERMINAL_TICK_MS = 1000;
const LOG_TICK_MS = 5000;
const ERASE_LINE = '\r\u001b[2K';

export class BatchProgress {
  private done = 0;
  private cpuMs = 0;
  private wallMs = 0;
  private lastLineAt = 0;
  private ended = false;
  private readonly t0 = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly inPlace: boolean;
  private readonly tickMs: number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** "pooltop primes: 1 worker" */
    private readonly label: string,
    private readonly total: number,
  ) {
    this.inPlace = (stream as { isTTY?: boolean }).isTTY === true;
    this.tickMs = this.inPlace ? TERMINAL_TICK_MS : LOG_TICK_MS;
    this.timer = setInterval(() => this.write(), this.tickMs).unref();
    this.write();
  }

  /** A task finished: counted, and shown at once on a terminal. */
  add(result: TaskResult): void {
    this.done++;
    this.cpuMs += result.cpuMs;
    this.wallMs += result.wallMs;
    if (this.inPlace || this.done === this.total || performance.now() - this.lastLineAt >= this.tickMs) this.write();
  }

  /** Stops the timer; on a terminal, the line is erased so that what follows starts clean. Once only. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.timer);
    if (this.inPlace) this.stream.write(ERASE_LINE);
  }

  private write(): void {
    this.lastLineAt = performance.now();
    const seconds = ((this.lastLineAt - this.t0) / 1000).toFixed(1);
    const share = this.wallMs > 0 ? `, ${(this.cpuMs / this.wallMs).toFixed(2)} of a core on each task` : '';
    const text = `${this.label}: ${this.done} of ${this.total} tasks done, ${seconds} s${share}`;
    this.stream.write(this.inPlace ? `${ERASE_LINE}${text}` : `${text}\n`);
  }
}
