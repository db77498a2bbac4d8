// The signal panel (`k`, F9): each signal with its number and meaning, SIGTERM first highlighted;
// typing a number jumps to that signal, Enter sends, Esc cancels. Also the `y` confirmation.
import { SIGNAL_MENU, SUBTREE, answerConfirmation, requestSignal } from '../store/signal-actions.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export const SIGNAL_MENU_WIDTH = 64;

export function signalMenuItems(): { label: string; hint?: string }[] {
  return SIGNAL_MENU.map((entry) =>
    entry === SUBTREE
      ? { label: ' -  kill subtree', hint: 'SIGKILL to it and all descendants' }
      : { label: `${String(entry.number).padStart(2)}  ${entry.name.padEnd(8)}`, hint: entry.meaning },
  );
}

export function SignalMenu({ height, width }: { height: number; width: number }) {
  const index = useAppStore((s) => s.view.menuIndex);
  const request = useAppStore((s) => s.view.signal);
  const count = request?.targets.length ?? 0;
  const title = count === 1 ? `Send signal to PID ${request?.targets[0]?.pid}` : `Send signal to ${count} tagged`;
  const digits = request?.digits ? `  [${request.digits}]` : '';
  return <SidePanel title={title + digits} items={signalMenuItems()} index={index} height={height} width={width} />;
}

export function signalMenuKeys(key: KeyPress, ctx: ActionContext): void {
  const state = ctx.store.getState();
  const request = state.view.signal;
  if (/^\d$/.test(key.name) && request) {
    const digits = jumpDigits(request.digits, key.name);
    const at = SIGNAL_MENU.findIndex((entry) => entry !== SUBTREE && entry.number === Number(digits));
    state.openSignal({ ...request, digits }, 'signal');
    if (at >= 0) state.setMenuIndex(at);
    return;
  }
  const step = menuStep(key, state.view.menuIndex, SIGNAL_MENU.length, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') {
    state.setMode('main');
    state.notify('cancelled: no signal sent', 'info');
  } else if (step.kind === 'choose') {
    const choice = SIGNAL_MENU[step.index];
    if (choice) requestSignal(ctx.store, ctx.services, choice);
  }
}

/**
 * The digits typed so far plus one: "1" then "5" is 15; a digit that can start no signal number
 * with what came before starts over, so "9" after "15" is 9.
 */
export function jumpDigits(before: string, digit: string): string {
  const joined = before + digit;
  const numbers = SIGNAL_MENU.flatMap((entry) => (entry === SUBTREE ? [] : [String(entry.number)]));
  return numbers.some((n) => n.startsWith(joined)) ? joined : digit;
}

export function confirmKeys(key: KeyPress, ctx: ActionContext): void {
  answerConfirmation(ctx.store, ctx.services, key.name === 'y' || key.name === 'Y');
}
