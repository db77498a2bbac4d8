// The replay's place on the time bar (null in the live monitor) and the text of its "go to" prompt.
import type { ReplayStatus } from '../sampling/replay-sampler.js';
import type { SliceCreator } from './app-store.js';

export interface ReplaySlice {
  /** Where the replay is; null when the monitor shows the live system. */
  replay: ReplayStatus | null;
  /** What is typed into the `g` prompt. */
  gotoText: string;
  setReplay(replay: ReplayStatus | null): void;
  typeGoto(text: string): void;
}

export const createReplaySlice: SliceCreator<ReplaySlice> = (set) => ({
  replay: null,
  gotoText: '',

  setReplay(replay) {
    set({ replay });
  },
  typeGoto(gotoText) {
    set({ gotoText });
  },
});
