import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
// process.kill, process['kill'], or kill taken out of process: any way of reaching kill(2) by PID.
const KILL_CALL = /\bprocess\s*(\.\s*kill\b|\[\s*['"`]kill['"`]\s*\])|\{[^}]*\bkill\b[^}]*\}\s*=\s*process\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('process.kill call sites', () => {
  it('exist only in src/signals/send-signal.ts (one process, right after validateTarget) and process-group.ts (one group, right after checkGroup)', () => {
    const found: string[] = [];
    for (const path of sources(src)) {
      // Comments may mention process.kill; only code counts.
      const code = readFileSync(path, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const _ of code.matchAll(KILL_CALL)) found.push(relative(src, path));
    }
    assert.deepEqual(found.sort(), ['signals/process-group.ts', 'signals/send-signal.ts']);
    const code = readFileSync(join(src, 'signals', 'send-signal.ts'), 'utf8');
    assert.match(code, /const valid = validateTarget\(pid, signal\);\n\s*if \(!valid\.ok\) return[^\n]*\n\s*try \{\n\s*process\.kill\(valid\.pid, /);
    // The one negative PID: a group checked (never 0 or 1, never pooltop's or an ancestor's) just before.
    const group = readFileSync(join(src, 'signals', 'process-group.ts'), 'utf8');
    assert.match(
      group,
      /const group = checkGroup\(pgid, signal, expected, options\);\n\s*if \(!group\.ok\) return group;\n\s*try \{\n\s*process\.kill\(-group\.pgid, /,
    );
  });

  it('never import tree-kill, which signals PIDs no check has seen (see src/signals/kill-tree.ts)', () => {
    const users = sources(src).filter((path) =>
      /from\s+['"]tree-kill['"]|require\(\s*['"]tree-kill['"]\s*\)|import\(\s*['"]tree-kill['"]/.test(readFileSync(path, 'utf8')),
    );
    assert.deepEqual(
      users.map((path) => relative(src, path)),
      [],
    );
  });
});
