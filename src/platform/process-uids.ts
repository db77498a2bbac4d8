// Which UIDs the running processes have, as the USER column shows them (the real UID from
// /proc/[pid]/status): a UID with no passwd entry is still a user whose processes can be shown.
import { readdirSync } from 'node:fs';
import { parseStatusUid } from './parse-proc.js';
import { readProcFile } from './proc-file.js';
import { PROC_ROOT } from './procfs.js';

/** Whether some process runs as `uid` now; false without /proc (the check then needs passwd). */
export function someProcessHasUid(uid: number, procRoot = PROC_ROOT): boolean {
  let names: string[];
  try {
    names = readdirSync(procRoot);
  } catch {
    return false;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const status = readProcFile(`${procRoot}/${name}/status`, 4096);
    if (typeof status === 'string' && parseStatusUid(status) === uid) return true;
  }
  return false;
}
