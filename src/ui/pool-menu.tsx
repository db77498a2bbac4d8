// The pool menu (`w`): start a pool of one worker per core, add or remove a worker, pause, resume,
// stop or kill them all, trap SIGTERM/SIGINT in new workers, and choose the workload. It shows what
// the store mirrors of the pool; its entries act through the pool actions.
import type { AppState } from '../store/app-store.js';
import { POOL_MENU, defaultPoolSize, describeChoice, runPoolEntry, sameChoice, type PoolMenuEntry } from '../store/pool-actions.js';
import type { ActionContext } from './action-context.js';
import { menuStep } from './menu-keys.js';
import type { KeyPress } from './parse-key.js';
import { SidePanel, type PanelItem } from './side-panel.js';
import { useAppStore } from './use-app-store.js';

export const POOL_MENU_WIDTH = 58;

function poolMenuItems(pool: AppState['pool'], plan: AppState['poolPlan']): PanelItem[] {
  const running = pool?.summary.phase === 'running';
  const item = (entry: PoolMenuEntry): PanelItem => {
    switch (entry.kind) {
      case 'start':
        return { label: `Start a pool of ${defaultPoolSize()} workers`, hint: running ? `(running: ${pool.summary.workers})` : '' };
      case 'add':
        return { label: 'Add a worker' };
      case 'remove':
        return { label: 'Remove a worker', hint: 'after its task' };
      case 'pause':
        return { label: 'Pause all', hint: 'SIGSTOP' };
      case 'resume':
        return { label: 'Resume all', hint: 'SIGCONT' };
      case 'stop':
        return { label: 'Stop', hint: 'SIGTERM to all' };
      case 'kill':
        return { label: 'Kill', hint: 'SIGKILL to all' };
      case 'trap':
        return { label: `Trap SIGTERM/SIGINT in new workers: ${plan.trap ? 'on' : 'off'}`, marked: plan.trap };
      case 'workload':
        return { label: `Workload: ${describeChoice(entry.choice)}`, marked: sameChoice(entry.choice, plan.workload) };
    }
  };
  return POOL_MENU.map(item);
}

export function PoolMenu({ height, width }: { height: number; width: number }) {
  const index = useAppStore((s) => s.menuIndex);
  const pool = useAppStore((s) => s.pool);
  const plan = useAppStore((s) => s.poolPlan);
  const entry = POOL_MENU[index];
  const title = entry?.kind === 'workload' ? entry.label : 'Pool';
  return <SidePanel title={title} items={poolMenuItems(pool, plan)} index={index} height={height} width={width} />;
}

export function poolMenuKeys(key: KeyPress, ctx: ActionContext): void {
  const state = ctx.store.getState();
  const step = menuStep(key, state.menuIndex, POOL_MENU.length, state.view.pageSize);
  if (step.kind === 'move') state.setMenuIndex(step.index);
  else if (step.kind === 'close') state.setMode('main');
  else if (step.kind === 'choose') {
    const entry = POOL_MENU[step.index];
    state.setMode('main');
    if (entry) void runPoolEntry(ctx.store, ctx.pool, entry);
  }
}
