// One worker's state as the pool knows it, in one place: what its messages say it is doing, how
// far it is on its way out, whether it is stopped, and what /proc last showed. The snapshot's
// state and whether it may be handed a task both follow from it, here and nowhere else.
import { isStoppedState } from '../platform/process-stat.js';
import type { WorkerState } from './pool-snapshot.js';

/** A stop by signal from outside can take a moment to show in /proc: trust the pool's mark this long. */
export const PAUSE_TRUST_MS = 1000;

/** From its messages: starting until it says ready, then idle, or busy with one task. */
type Activity = 'starting' | 'idle' | 'busy';

/**
 * How far it is on its way out, only ever forward: asked to retire (it leaves once idle, its task
 * done), signalled to end (stop, kill, shutdown), exited (its exit reaped).
 */
type Departure = 'none' | 'retiring' | 'signalled' | 'exited';

/** Who stopped it: the pool's SIGSTOP (or one sent through the UI, as the pool is told), or /proc showed it stopped. */
interface Pause {
  by: 'pool' | 'proc';
  since: number;
}

export class WorkerStatus {
  private activityNow: Activity = 'starting';
  private departureNow: Departure = 'none';
  private pauseNow: Pause | null = null;
  private procStateNow: string | null = null;

  get activity(): Activity {
    return this.activityNow;
  }

  get departure(): Departure {
    return this.departureNow;
  }

  get paused(): boolean {
    return this.pauseNow !== null;
  }

  /** The /proc state letter at the last look (R, S, T, Z…); null before one, or without /proc. */
  get procState(): string | null {
    return this.procStateNow;
  }

  /** What the snapshot shows: leaving before paused, paused before what it is doing. */
  get shown(): WorkerState {
    if (this.departureNow !== 'none') return 'exiting';
    if (this.pauseNow !== null) return 'paused';
    return this.activityNow;
  }

  /** It may be handed a task (when /proc is watched, once /proc agrees: see observe). */
  get takesTasks(): boolean {
    return this.activityNow === 'idle' && this.pauseNow === null && this.departureNow === 'none';
  }

  /** Still on its way to ready: what whenReady waits for (one signalled to end will never be). */
  get starting(): boolean {
    return this.activityNow === 'starting' && (this.departureNow === 'none' || this.departureNow === 'retiring');
  }

  /** It may be stopped: a SIGTERM it is to act on needs a SIGCONT too. */
  get mayBeStopped(): boolean {
    return this.pauseNow !== null || this.procStateNow === 'T';
  }

  /** It said ready: idle from now, unless it was signalled to end meanwhile. Returns whether it became idle. */
  ready(): boolean {
    if (!this.starting) return false;
    this.activityNow = 'idle';
    return true;
  }

  assigned(): void {
    this.activityNow = 'busy';
  }

  /** Its task's result (or failure) is in. */
  finished(): void {
    if (this.activityNow === 'busy') this.activityNow = 'idle';
  }

  retire(): void {
    if (this.departureNow === 'none') this.departureNow = 'retiring';
  }

  signalled(): void {
    if (this.departureNow !== 'exited') this.departureNow = 'signalled';
  }

  exited(): void {
    this.departureNow = 'exited';
  }

  /** The pool stopped it (SIGSTOP or another stop signal reached it). */
  pause(now: number): void {
    this.pauseNow = { by: 'pool', since: now };
  }

  /** The pool continued it (SIGCONT reached it). */
  resume(): void {
    this.pauseNow = null;
  }

  /**
   * /proc shows `state` now. A stop from outside (a shell's kill -STOP) pauses it; a continue
   * from outside ends a pause that /proc made, or one the pool made once the stop had time to land.
   */
  observe(state: string, now: number): void {
    this.procStateNow = state;
    const stopped = isStoppedState(state);
    if (stopped && this.pauseNow === null) this.pauseNow = { by: 'proc', since: now };
    else if (!stopped && this.pauseNow?.by === 'proc') this.pauseNow = null;
    else if (!stopped && this.pauseNow?.by === 'pool' && now - this.pauseNow.since > PAUSE_TRUST_MS) this.pauseNow = null;
  }
}
