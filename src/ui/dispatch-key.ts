// Routes a key to whoever has the keyboard: the main key table, or the open prompt, menu or screen.
import type { Mode } from '../store/view-state.js';
import type { ActionContext } from './action-context.js';
import { ancestryKeys } from './ancestry-panel.js';
import { helpKeys } from './help-screen.js';
import { bindingFor } from './key-table.js';
import type { KeyPress } from './parse-key.js';
import { filterKeys, searchKeys } from './prompt-keys.js';
import { poolMenuKeys } from './pool-menu.js';
import { confirmKeys, signalMenuKeys } from './signal-menu.js';
import { sortMenuKeys } from './sort-menu.js';
import { userMenuKeys } from './user-menu.js';

export type ModeHandler = (key: KeyPress, ctx: ActionContext) => void;

const MODE_HANDLERS: Record<Mode, ModeHandler> = {
  main: (key, ctx) => bindingFor(key.name)?.run(ctx),
  help: helpKeys,
  search: searchKeys,
  filter: filterKeys,
  sort: sortMenuKeys,
  user: userMenuKeys,
  ancestry: ancestryKeys,
  signal: signalMenuKeys,
  confirm: confirmKeys,
  pool: poolMenuKeys,
};

export function dispatchKey(key: KeyPress, ctx: ActionContext): void {
  MODE_HANDLERS[ctx.store.getState().view.mode](key, ctx);
}
