// Where the compiled worker entry is: beside this module in dist/, or in dist/ when run from src/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/pool/worker-entry.js. A worker is forked with plain `node` (no TypeScript loader), so
 * when this module runs from src/ through tsx (tests, benches) the built worker in dist/ is used.
 */
export function defaultWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'worker-entry.js');
  if (existsSync(sibling)) return sibling;
  return resolve(here, '..', '..', 'dist', 'pool', 'worker-entry.js');
}
