// A recording as a sampling source: each sample() gives the recorded sample at the play position,
// which moves with the clock at the chosen speed while playing, and with the replay keys (step,
// jump, go to a time). Only the sample shown and the one before it are held, however long the file.
import { RecordDecoder, readHeader, type RecordedEvent, type RecordedFrame, type RecordingHeader } from '../model/recording-codec.js';
import { RecordingError } from '../model/recording-fields.js';
import { RecordingIndex } from './recording-index.js';
import type { Sample, Sampler, SourceCapabilities, SourceName } from './types.js';

const REPLAY_SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 16];
/** When nothing moves (paused, or at the end), how often the poller still looks. */
const IDLE_MS = 1000;

/** Where the replay is, for the time bar. */
export interface ReplayStatus {
  start: number;
  end: number;
  /** The shown sample's time, its number (0-based) and how many there are. */
  time: number;
  index: number;
  count: number;
  playing: boolean;
  speed: number;
  /** Why the replay ends before the file does, or null. */
  damage: string | null;
}

/** What the monitor gets with each sample besides it: the recorded pool and the news since the last shown. */
export type ReplayFrameListener = (frame: { pool: RecordedFrame['pool']; events: readonly RecordedEvent[] }, status: ReplayStatus) => void;

interface Loaded {
  index: number;
  frame: RecordedFrame;
}

export class ReplaySampler implements Sampler {
  readonly source: SourceName;
  readonly capabilities: SourceCapabilities;
  readonly header: RecordingHeader;
  private readonly index: RecordingIndex;
  private readonly decoder: RecordDecoder;
  private current: Loaded | null = null;
  private before: Loaded | null = null;
  private position = 0;
  private playing = true;
  private speed = 1;
  /** While playing: performance.now() and the recorded time at the last change of pace. */
  private anchorWall = 0;
  private anchorTime = 0;
  /** Events of samples passed over since the last sample() (played through at speed). */
  private pending: RecordedEvent[] = [];
  /** Called after each control, so the screen shows its effect at once. */
  wake: () => void = () => {};
  onFrame: ReplayFrameListener = () => {};

  /** Opens and indexes `path`, and reads its first sample; throws RecordingError (or a system error) when it cannot. */
  constructor(path: string) {
    this.index = RecordingIndex.open(path);
    try {
      this.header = readHeader(this.index.header);
      this.decoder = new RecordDecoder(this.header);
      if (this.index.length === 0) {
        const why = this.index.damage ? `: ${this.index.damage.why} at byte ${this.index.damage.offset}` : '';
        throw new RecordingError(`no complete sample${why}`);
      }
      this.load(0);
      if (this.current === null) throw new RecordingError(`no readable sample: ${this.damage ?? 'damaged'}`);
    } catch (error) {
      this.index.close();
      throw error;
    }
    this.source = this.header.source;
    this.capabilities = this.header.capabilities;
    this.anchor(this.index.time(0));
  }

  /** Why the replay ends before the file does, in words, or null. */
  get damage(): string | null {
    const d = this.index.damage;
    if (!d) return null;
    return `${d.why} at byte ${d.offset}: the replay ends after sample ${d.samples}`;
  }

  get length(): number {
    return this.index.length;
  }

  async sample(): Promise<Sample> {
    if (this.playing) {
      const at = this.anchorTime + (performance.now() - this.anchorWall) * this.speed;
      this.position = this.index.indexAt(at);
      if (this.position >= this.index.length - 1) {
        this.position = this.index.length - 1;
        this.playing = false;
      }
    }
    this.load(this.position);
    const shown = this.current!;
    const events = this.pending;
    this.pending = [];
    this.onFrame({ pool: shown.frame.pool, events }, this.status());
    return shown.frame.sample;
  }

  /** The sample before the one shown, in the recording's order: CPU% is measured since it, whatever was shown before. */
  baseOf(sample: Sample): Sample | null {
    return this.current?.frame.sample === sample ? (this.before?.frame.sample ?? null) : null;
  }

  /** How soon the next recorded sample is due at this speed (the poller's next look). */
  nextSampleInMs(): number {
    if (!this.playing || this.position >= this.index.length - 1) return IDLE_MS;
    const at = this.anchorTime + (performance.now() - this.anchorWall) * this.speed;
    return Math.min(IDLE_MS, Math.max(0, (this.index.time(this.position + 1) - at) / this.speed));
  }

  status(): ReplayStatus {
    const last = this.index.length - 1;
    return {
      start: this.index.time(0),
      end: this.index.time(last),
      time: this.current?.frame.sample.time ?? this.index.time(this.position),
      index: this.position,
      count: this.index.length,
      playing: this.playing,
      speed: this.speed,
      damage: this.damage,
    };
  }

  /** Play from where it is (from the start again when at the end). */
  play(): void {
    if (this.position >= this.index.length - 1) this.position = 0;
    this.playing = true;
    this.anchor(this.index.time(this.position));
    this.wake();
  }

  pause(): void {
    this.playing = false;
    this.wake();
  }

  /** One sample back or forward; pauses, as a step is for looking. */
  step(by: number): void {
    this.playing = false;
    this.moveTo(this.position + by);
  }

  /** Jumps `ms` of recorded time back or forward (playing on if it was). */
  jump(ms: number): void {
    const from = this.index.time(this.position);
    const target = ms < 0 ? this.index.indexAt(from + ms) : this.firstAtOrAfter(from + ms);
    this.moveTo(target);
  }

  /** Goes to the sample shown at recorded time `time` (ms since the epoch), clamped to the recording. */
  seekTo(time: number): void {
    this.moveTo(this.index.indexAt(time));
  }

  /** ½× … 16×: one step slower (-1) or faster (+1). */
  changeSpeed(by: -1 | 1): void {
    const at = REPLAY_SPEEDS.indexOf(this.speed) + by;
    const speed = REPLAY_SPEEDS[Math.max(0, Math.min(REPLAY_SPEEDS.length - 1, at))]!;
    if (this.playing) this.anchor(this.anchorTime + (performance.now() - this.anchorWall) * this.speed);
    this.speed = speed;
    this.wake();
  }

  close(): void {
    this.index.close();
  }

  private firstAtOrAfter(time: number): number {
    const i = this.index.indexAt(time);
    return this.index.time(i) < time ? Math.min(this.index.length - 1, i + 1) : i;
  }

  private moveTo(i: number): void {
    this.position = Math.max(0, Math.min(this.index.length - 1, i));
    this.pending = [];
    if (this.playing) this.anchor(this.index.time(this.position));
    this.wake();
  }

  private anchor(time: number): void {
    this.anchorWall = performance.now();
    this.anchorTime = time;
  }

  /**
   * Makes sample i current, with the one before it: played forward from the current one when it
   * is ahead in the same run of deltas, otherwise decoded from the key frame before. A record
   * found damaged ends the replay before it.
   */
  private load(i: number): void {
    if (this.current?.index === i) return;
    const from = this.index.keyBefore(Math.max(0, i - 1));
    const c = this.current;
    const forward = c !== null && c.index < i && c.index >= from;
    const passing = forward && this.playing;
    let previous: Loaded | null = forward ? c : null;
    for (let n = forward ? c.index + 1 : from; n <= i; n++) {
      let frame: RecordedFrame;
      try {
        frame = this.decoder.decode(this.index.record(n));
      } catch (error) {
        this.index.cutAt(n, `sample ${n + 1}: ${damageOf(error)}`);
        break;
      }
      if (passing) this.pending.push(...frame.events);
      if (n === i) {
        this.before = previous;
        this.current = { index: i, frame };
        if (!passing) this.pending = [...frame.events];
        return;
      }
      previous = { index: n, frame };
    }
    // Damage at or before i: the last good sample is shown instead, and the replay stops there.
    this.playing = false;
    this.current = null;
    this.position = this.index.length - 1;
    if (this.position >= 0) this.load(this.position);
  }
}

/** A record's damage in words of pooltop's own: JSON.parse's message quotes the text it choked on. */
function damageOf(error: unknown): string {
  if (error instanceof RecordingError) return error.message;
  if (error instanceof SyntaxError) return 'not JSON';
  const code = (error as NodeJS.ErrnoException).code;
  return `not gzip data that inflates (${typeof code === 'string' ? code.slice(0, 32) : 'damaged'})`;
}
