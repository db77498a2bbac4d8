// A signal's disposition in a word or two, for the signal menu beside the signal's name.
import type { SignalDisposition } from '../signals/signal-dispositions.js';

/** The short note for one signal (the signal menu's column), '' when it acts by default. */
export function shortDisposition(dispositions: readonly SignalDisposition[], name: string): string {
  return dispositions.find((d) => d.name === name)?.short ?? '';
}
