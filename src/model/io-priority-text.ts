// An I/O priority as ionice(1) names it, for the menu and the message line alike.
import type { IoPriority } from '../signals/process-change.js';

/** "best-effort 4", "idle": the class, and the level where the class has one. */
export function describeIoPriority(priority: IoPriority): string {
  return 'level' in priority ? `${priority.ioClass} ${priority.level}` : priority.ioClass;
}
