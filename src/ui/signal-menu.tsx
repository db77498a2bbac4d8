// The signal panel (`k`, F9): each signal with its number and meaning, SIGTERM first highlighted;
// typing a number jumps to that signal, Enter sends, Esc cancels. Also the `y` confirmation.
import { shortDisposition } from '../model/short-disposition.js';
import type { SignalDisposition } from '../signals/signal-dispositions.js';
import { SIGNAL_MENU, SUBTREE, answerConfirmation, requestSignal, toggleGroupSend } from '../store/signal-actions.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export const SIGNAL_MENU_WIDTH = 64;

/** The menu's entries; with the target's dispositions, each signal it does not take by default says how. */
function signalMenuItems(dispositions?: readonly SignalDisposition[]): { label: string; hint?: string }[] {
  return SIGNAL_MENU.map((entry) => {
    if (entry === SUBTREE) return { label: ' -  kill subtree', hint: 'SIGKILL to it and all descendants' };
    const note = dispositions ? shortDisposition(dispositions, entry.name) : '';
    return { label: `${String(entry.number).padStart(2)}  ${entry.name.padEnd(8)}`, hint: note ? `[${note}] ${entry.meaning}` : entry.meaning };
  });
}

export function SignalMenu({ height, width }: { height: number; width: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const request = useAppStore((s) => s.signalRequest);
  const count = request?.targets.length ?? 0;
  const group = request?.group;
  const title = group
    ? `Send signal to process group ${group.pgid} (${group.members.length})`
    : count === 1
      ? `Send signal to PID ${request?.targets[0]?.pid}`
      : `Send signal to ${count} tagged`;
  const digits = request?.digits ? `  [${request.digits}${index < 0 ? ': not in the list' : ''}]` : '';
  const hint = group ? '  g: PID only' : count === 1 ? '  g: its group' : '';
  return <SidePanel title={title + digits + hint} items={signalMenuItems(request?.dispositions)} index={index} height={height} width={width} />;
}

export function signalMenuKeys(key: KeyPress, ctx: ActionContext): void {
  const state = ctx.store.getState();
  const request = state.signalRequest;
  if (!request) return state.setMode('main');
  if (key.name === 'g') {
    toggleGroupSend(ctx.store);
    return;
  }
  if (/^\d$/.test(key.name)) {
    const digits = jumpDigits(request.digits, key.name);
    state.openSignal({ ...request, digits }, 'signal');
    // A number that names no signal here highlights nothing, so Enter cannot send another one.
    state.setMenuIndex(SIGNAL_MENU.findIndex((entry) => entry !== SUBTREE && String(entry.number) === digits));
    return;
  }
  const step = menuStep(key, state.menuIndex, SIGNAL_MENU.length, state.view.pageSize);
  if (step.kind === 'move') {
    // Moving away from a typed number forgets it: the heading says what Enter sends.
    if (request.digits) state.openSignal({ ...request, digits: '' }, 'signal');
    state.setMenuIndex(step.index);
  } else if (step.kind === 'close') {
    state.setMode('main');
    state.notify('cancelled: no signal sent', 'info');
  } else if (step.kind === 'choose') {
    const choice = SIGNAL_MENU[step.index];
    if (choice) requestSignal(ctx.store, ctx.services, choice);
    else state.notify(`no signal ${request.digits} in the list: nothing sent; type another number or move with ↑ ↓`, 'warn');
  }
}

/**
 * The digits typed so far plus one. While what was typed can still grow into a longer signal
 * number, the digit extends it: "1" then "5" is 15, and "1" then "3" is 13 even though no signal
 * here has that number (the menu then highlights nothing, rather than SIGQUIT). Otherwise the
 * digit starts a new number: "9" after "15" is 9.
 */
export function jumpDigits(before: string, digit: string): string {
  const grows = SIGNAL_MENU.some((entry) => {
    const number = entry === SUBTREE ? '' : String(entry.number);
    return number.length > before.length && number.startsWith(before);
  });
  return before !== '' && grows ? before + digit : digit;
}

export function confirmKeys(key: KeyPress, ctx: ActionContext): void {
  answerConfirmation(ctx.store, ctx.services, key.name === 'y' || key.name === 'Y');
}
