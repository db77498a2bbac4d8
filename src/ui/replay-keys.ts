// The keys of a replay (`pooltop replay FILE`): play, pause, step, jump, go to a time and speed,
// looked up before the main key table while a replay runs; and the `g` prompt's typing.
import { parseGotoTime } from '../model/replay-time.js';
import type { ActionContext } from './action-context.js';
import type { KeyBinding } from './key-table.js';
import type { KeyPress } from './parse-key.js';

/** What the replay keys move: the replay sampler. */
export interface ReplayControl {
  play(): void;
  pause(): void;
  step(by: number): void;
  jump(ms: number): void;
  seekTo(time: number): void;
  changeSpeed(by: -1 | 1): void;
}

const MINUTE_MS = 60_000;

/** Runs `act` on the replay when there is one (the keys are looked up only then). */
function onReplay(act: (replay: ReplayControl) => void): (ctx: ActionContext) => void {
  return (ctx) => {
    if (ctx.replay) act(ctx.replay);
  };
}

export const REPLAY_KEY_TABLE: readonly KeyBinding[] = [
  { keys: ['z'], label: 'z', help: 'pause the replay', footer: { key: 'z', word: 'Pause', order: 9.2 }, run: onReplay((r) => r.pause()) },
  {
    keys: ['r'],
    label: 'r',
    help: 'play the replay (from the start again at its end)',
    footer: { key: 'r', word: 'Play', order: 9.3 },
    run: onReplay((r) => r.play()),
  },
  { keys: ['['], label: '[', help: 'one sample back (pauses)', run: onReplay((r) => r.step(-1)) },
  { keys: [']'], label: ']', help: 'one sample forward (pauses)', run: onReplay((r) => r.step(1)) },
  { keys: ['{'], label: '{', help: 'one minute back', run: onReplay((r) => r.jump(-MINUTE_MS)) },
  { keys: ['}'], label: '}', help: 'one minute forward', run: onReplay((r) => r.jump(MINUTE_MS)) },
  {
    keys: ['g'],
    label: 'g',
    help: 'go to a time: 14:05, 14:05:30, or +1:30 from the start (Enter goes, Esc cancels)',
    footer: { key: 'g', word: 'GoTo', order: 9.4 },
    run: ({ store }) => {
      store.getState().typeGoto('');
      store.getState().setMode('goto');
    },
  },
  {
    keys: ['f7', '('],
    label: 'F7 (',
    help: 'slower: halve the speed (down to ½×)',
    footer: { key: 'F7', word: 'Slower', order: 7 },
    run: onReplay((r) => r.changeSpeed(-1)),
  },
  {
    keys: ['f8', ')'],
    label: 'F8 )',
    help: 'faster: double the speed (up to 16×)',
    footer: { key: 'F8', word: 'Faster', order: 8 },
    run: onReplay((r) => r.changeSpeed(1)),
  },
];

export function replayBindingFor(name: string): KeyBinding | undefined {
  return REPLAY_KEY_TABLE.find((b) => b.keys.includes(name));
}

/** The longest time anyone types. */
const MAX_GOTO = 16;

/** Typing into the `g` prompt: Enter goes there (or says why not), Esc cancels. */
export function gotoKeys(key: KeyPress, ctx: ActionContext): void {
  const state = ctx.store.getState();
  switch (key.name) {
    case 'escape':
    case 'C-c':
      return state.setMode('main');
    case 'enter': {
      state.setMode('main');
      const replay = state.replay;
      if (!replay || !ctx.replay) return;
      const at = parseGotoTime(state.gotoText, replay.start, replay.end);
      if (typeof at === 'string') return state.notify(`go to: ${at}`, 'warn');
      return ctx.replay.seekTo(at);
    }
    case 'backspace':
      return state.typeGoto(state.gotoText.slice(0, -1));
    case 'C-u':
      return state.typeGoto('');
  }
  if (key.text && /^[0-9:+]+$/.test(key.text)) state.typeGoto((state.gotoText + key.text).slice(0, MAX_GOTO));
}
