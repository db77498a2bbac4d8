// The I/O priority menu (`i`, htop's) and the CPU affinity menu (`a` in the details view): side
// panels like the signal menu; Enter applies to the processes the menu was opened for.
import { applyAffinity, applyIoPriority, IO_PRIORITY_MENU } from '../store/change-actions.js';
import { describeIoPriority } from '../model/io-priority-text.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export const CHANGE_MENU_WIDTH = 30;

const IO_HINTS: Readonly<Record<string, string>> = {
  none: 'from nice',
  'best-effort': '0 first … 7 last',
  idle: 'only when the disk is idle',
  realtime: 'root only; before all others',
};

export function IoPriorityMenu({ height }: { height: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const count = useAppStore((s) => s.changeRequest?.targets.length ?? 0);
  const items = IO_PRIORITY_MENU.map((p) => ({ label: describeIoPriority(p).padEnd(14), hint: IO_HINTS[p.ioClass] }));
  return <SidePanel title={count === 1 ? 'I/O priority' : `I/O priority of ${count}`} items={items} index={index} height={height} width={CHANGE_MENU_WIDTH} />;
}

export function ioPriorityKeys(key: KeyPress, { store, services }: ActionContext): void {
  const state = store.getState();
  const step = menuStep(key, state.menuIndex, IO_PRIORITY_MENU.length, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') state.closeChange();
  else if (step.kind === 'choose') applyIoPriority(store, IO_PRIORITY_MENU[step.index]!, () => services.refreshSoon());
}

export function AffinityMenu({ height }: { height: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const cpus = useAppStore((s) => s.changeRequest?.cpus ?? []);
  const items = cpus.map((on, cpu) => ({ label: `[${on ? 'x' : ' '}] CPU ${cpu}` }));
  return <SidePanel title="CPUs (Space ticks, Enter sets)" items={items} index={index} height={height} width={CHANGE_MENU_WIDTH} />;
}

export function affinityKeys(key: KeyPress, { store, services }: ActionContext): void {
  const state = store.getState();
  const cpus = state.changeRequest?.cpus.length ?? 0;
  if (key.name === ' ') return state.toggleCpu(state.menuIndex);
  const step = menuStep(key, state.menuIndex, cpus, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') state.closeChange();
  else if (step.kind === 'choose') applyAffinity(store, () => services.refreshSoon());
}
