// Routes keys to whoever has the keyboard: the main key table, or the open prompt, menu or screen;
// pastes only to a prompt; and what came in with a key that opened a signal menu or question, nowhere.
import { shortText } from '../model/short-text.js';
import type { Mode } from '../store/modes-slice.js';
import type { ActionContext } from './action-context.js';
import { ancestryKeys } from './ancestry-panel.js';
import { affinityKeys, ioPriorityKeys } from './change-menus.js';
import { detailsKeys } from './details-view.js';
import { eventsKeys } from './events-panel.js';
import { helpKeys } from './help-screen.js';
import { bindingFor } from './key-table.js';
import type { KeyPress } from './parse-key.js';
import { jobsKeys } from './jobs-panel.js';
import { filterKeys, jobLineKeys, searchKeys } from './prompt-keys.js';
import { poolMenuKeys } from './pool-menu.js';
import { setupKeys } from './setup-screen.js';
import { gotoKeys, replayBindingFor } from './replay-keys.js';
import { confirmKeys, signalMenuKeys } from './signal-menu.js';
import { sortMenuKeys } from './sort-menu.js';
import { traceKeys } from './trace-view.js';
import { userMenuKeys } from './user-menu.js';

type ModeHandler = (key: KeyPress, ctx: ActionContext) => void;

const MODE_HANDLERS: Record<Mode, ModeHandler> = {
  main: mainKeys,
  help: helpKeys,
  search: searchKeys,
  filter: filterKeys,
  sort: sortMenuKeys,
  user: userMenuKeys,
  ancestry: ancestryKeys,
  signal: signalMenuKeys,
  confirm: confirmKeys,
  pool: poolMenuKeys,
  details: detailsKeys,
  ionice: ioPriorityKeys,
  affinity: affinityKeys,
  strace: traceKeys,
  setup: setupKeys,
  goto: gotoKeys,
  events: eventsKeys,
  jobline: jobLineKeys,
  jobs: jobsKeys,
};

export const REPLAY_REFUSES = 'a replay shows the past: signals, renice, the details and the pool are off (they work in the live monitor)';

/**
 * The main screen: in a replay its own keys first, and nothing that acts on or reads live
 * processes; in read-only mode nothing that changes them; digits build up a PID to jump to
 * (htop's "Numbers"), any other key ends it.
 */
function mainKeys(key: KeyPress, ctx: ActionContext): void {
  if (!isDigit(key.name)) ctx.store.getState().resetPidTyped();
  const binding = bindingFor(key.name);
  // The quit question stands for the very next key only, as a shell's "There are running jobs".
  if (binding?.run !== QUIT_RUN) ctx.store.getState().setQuitAsked(false);
  const replayBinding = ctx.replay ? replayBindingFor(key.name) : undefined;
  if (replayBinding) return replayBinding.run(ctx);
  if ((binding?.changes || binding?.live) && ctx.replay) return ctx.store.getState().notify(REPLAY_REFUSES, 'warn');
  if (binding?.changes && ctx.store.getState().refuseInReadonly(binding.changes)) return;
  binding?.run(ctx, key.name);
}

const QUIT_RUN = bindingFor('q')?.run;

function isDigit(name: string): boolean {
  return name.length === 1 && name >= '0' && name <= '9';
}

/** The prompts a paste types into. */
const TAKES_PASTE: ReadonlySet<Mode> = new Set<Mode>(['search', 'filter', 'jobline']);

/** Where Enter or y signals processes: such a mode takes keys only from reads after the one that opened it. */
const ACTS_ON_PROCESSES: ReadonlySet<Mode> = new Set<Mode>(['signal', 'confirm', 'pool', 'ionice', 'affinity']);

/** Cells of a dropped paste shown in the message. */
const PREVIEW_CELLS = 20;

/** Where a mouse report goes: the app, which knows what is on screen where. */
export type MouseHandler = (key: KeyPress) => void;

export function dispatchKey(key: KeyPress, ctx: ActionContext, onMouse?: MouseHandler): void {
  const { mode, notify } = ctx.store.getState();
  if (key.name === 'mouse') {
    onMouse?.(key);
    return;
  }
  if (key.name === 'paste' && !TAKES_PASTE.has(mode)) {
    notify(`paste ignored: ${describePaste(key)}; a paste goes only into the / \\ and & prompts (search, filter, background job)`, 'warn');
    return;
  }
  MODE_HANDLERS[mode](key, ctx);
}

/**
 * The keys of one read, in order. Without bracketed paste a paste is a read of many keys, and so
 * are keys typed while pooltop was busy: once a key opens the signal menu, a `y` question or the
 * pool menu, the rest of its read is dropped, so `k⏎y` in one read cannot confirm a SIGTERM.
 */
export function dispatchRead(keys: readonly KeyPress[], ctx: ActionContext, onMouse?: MouseHandler): void {
  const mode = (): Mode => ctx.store.getState().mode;
  for (let i = 0; i < keys.length; i++) {
    const before = mode();
    dispatchKey(keys[i]!, ctx, onMouse);
    const after = mode();
    const rest = keys.length - i - 1;
    if (after !== before && ACTS_ON_PROCESSES.has(after) && rest > 0) {
      const what = rest === 1 ? '1 key' : `${rest} keys`;
      ctx.store.getState().notify(`ignored ${what} that came in with the one that opened this: it takes only keys typed from now on`, 'warn');
      return;
    }
  }
}

/** `"k^My" (3 characters)`: the start of the paste made visible, and its length. */
function describePaste(key: KeyPress): string {
  const length = key.paste?.length ?? key.text.length;
  const shown = shortText(key.paste?.preview ?? key.text, PREVIEW_CELLS);
  return `"${shown}" (${length === 1 ? '1 character' : `${length} characters`})`;
}
