// What a key's action may touch: the store and the app's services. Actions never render.
import type { AppStore } from '../store/app-store.js';
import type { PoolControl, PoolPlan } from '../store/pool-actions.js';
import type { ProcessServices } from '../store/signal-actions.js';

export interface ActionContext {
  store: AppStore;
  /** Ends pooltop cleanly (terminal restored, workers ended). */
  quit(): void;
  services: ProcessServices;
  /** The process pool the `w` menu drives. */
  pool: PoolControl;
  /** What the next pool (or the next worker) will run; the menu changes it. */
  poolPlan: PoolPlan;
}
