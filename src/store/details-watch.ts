// Keeps the open details view fresh: reads the process once when the view opens and again with
// every sample the monitor takes, so it refreshes with the table.
import type { DetailsOptions, ProcessDetails } from '../platform/process-details.js';
import type { AppState, AppStore } from './app-store.js';

export interface DetailsReader {
  read(pid: number, options: DetailsOptions): ProcessDetails | null;
  ioPriority(pid: number): Promise<string | null>;
  userName(uid: number): string;
}

/** The modes in which the details view (or a menu opened from it) is on screen. */
const DETAILS_MODES: ReadonlySet<AppState['mode']> = new Set(['details', 'ionice', 'affinity']);

/**
 * Reads the details of the view's process on open, on each new sample and when a menu opened from
 * it closes. The environment is read only for processes of the user pooltop runs as.
 */
export function watchDetails(store: AppStore, reader: DetailsReader, euid = process.geteuid?.() ?? -1): () => void {
  const environment = (uid: { real: number; effective: number }): boolean => uid.real === euid || uid.effective === euid;
  const refresh = (withIoPriority: boolean): void => {
    const details = store.getState().details;
    if (!details) return;
    const { pid } = details.target;
    const data = reader.read(pid, { environment });
    const users = data ? { users: { real: reader.userName(data.uid.real), effective: reader.userName(data.uid.effective) } } : {};
    store.getState().updateDetails({ data, at: performance.now(), ...users });
    if (withIoPriority && data) {
      void reader.ioPriority(pid).then((ioPriority) => {
        if (store.getState().details?.target === details.target) store.getState().setDetailsIoPriority(ioPriority);
      });
    }
  };
  return store.subscribe((state, previous) => {
    if (state.mode !== 'details' || !state.details) return;
    const opened = previous.mode !== 'details' || previous.details?.target !== state.details.target;
    if (opened) refresh(!DETAILS_MODES.has(previous.mode) || previous.mode === 'ionice' || previous.details?.target !== state.details.target);
    else if (state.sample !== previous.sample) refresh(false);
  });
}
