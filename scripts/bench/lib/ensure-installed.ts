// The yardsticks (htop, btop) a fresh machine may lack: installed with apt-get when we are root, else skipped, saying so.
import { spawnSync } from 'node:child_process';

function runs(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** True when `program` (its Debian package of the same name) can be run; prints what it did or why it will be skipped. */
export function ensureInstalled(program: 'htop' | 'btop', print: (line: string) => void): boolean {
  if (runs(program)) return true;
  if (process.getuid?.() !== 0) {
    print(`${program} is not installed and the bench is not root: ${program} was skipped.`);
    return false;
  }
  print(`${program} is not installed: running apt-get install -y ${program} ...`);
  const result = spawnSync('apt-get', ['install', '-y', program], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && runs(program)) return true;
  print(`apt-get install ${program} failed (status ${result.status ?? result.signal}): ${program} was skipped.`);
  return false;
}
