// What a key's action may touch: the store and the app's services. Actions never render.
import type { AppStore } from '../store/app-store.js';
import type { JobControl } from '../store/jobs-slice.js';
import type { PoolControl } from '../store/pool-actions.js';
import type { ProcessServices } from '../store/signal-actions.js';
import type { TraceControl } from '../store/trace-actions.js';
import type { ReplayControl } from './replay-keys.js';

export interface ActionContext {
  store: AppStore;
  /** Ends pooltop cleanly (terminal restored, workers ended). */
  quit(): void;
  services: ProcessServices;
  /** The process pool the `w` menu drives. */
  pool: PoolControl;
  /** The strace view's one trace. */
  trace: TraceControl;
  /** The background jobs `&` starts, the job list shows and `wait` waits for. */
  jobs: JobControl;
  /** The replay the replay keys move; absent in the live monitor. */
  replay?: ReplayControl;
}
