// Where the built worker is: dist/pool/worker.cjs, beside this module in dist/, or in dist/ when run from src/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * dist/pool/worker.cjs: worker-entry.ts and what it imports, bundled by scripts/bundle-worker.mjs
 * (one small file, less memory in every worker). A worker is forked with plain `node` (no
 * TypeScript loader), so when this module runs from src/ through tsx (tests, benches) the built
 * worker in dist/ is used.
 */
export function defaultWorkerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'worker.cjs');
  if (existsSync(sibling)) return sibling;
  return resolve(here, '..', '..', 'dist', 'pool', 'worker.cjs');
}
