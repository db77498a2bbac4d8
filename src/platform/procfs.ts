// Where the kernel's process files are, and whether this system has them: every read in
// src/platform starts here, and without them each says what it cannot tell.
import { existsSync } from 'node:fs';

export const PROC_ROOT = '/proc';

/** Linux with /proc mounted and readable (not a container without it). */
export const HAS_PROCFS = process.platform === 'linux' && existsSync(`${PROC_ROOT}/self/stat`);
