// Which processes are Linux kernel threads, for sources that list them without saying so.

/** kthreadd (PID 2) and its children: every kernel thread but the idle ones, which no source lists. */
export function isKernelThread(pid: number, ppid: number): boolean {
  return process.platform === 'linux' && (pid === 2 || ppid === 2);
}
