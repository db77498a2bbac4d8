// Every way out of the bench — normal end, exception, SIGINT, SIGTERM, SIGHUP — runs the cleanups
// registered here, so nothing the bench started outlives it.

/** Synchronous on purpose: the same cleanups must run inside process.on('exit'). */
export type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let installed = false;

/** Registers a cleanup; the returned function unregisters it (call that once the thing is stopped). */
export function onCleanup(cleanup: Cleanup): () => void {
  installCleanupHandlers();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs and forgets every registered cleanup, newest first; one failing does not stop the others. */
export function runCleanups(): void {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch (error) {
      process.stderr.write(`bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanups);
  for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}: stopping everything the bench started\n`);
      runCleanups();
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    });
  }
}
