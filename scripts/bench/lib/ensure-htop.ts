// htop is the yardstick; a fresh machine may lack it: install it when we are root, else say so.
import { spawnSync } from 'node:child_process';

function hasHtop(): boolean {
  return spawnSync('htop', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** True when htop can be run; prints what it did or why htop will be skipped. */
export function ensureHtop(print: (line: string) => void): boolean {
  if (hasHtop()) return true;
  if (process.getuid?.() !== 0) {
    print('htop is not installed and the bench is not root: htop was skipped.');
    return false;
  }
  print('htop is not installed: running apt-get install -y htop ...');
  const result = spawnSync('apt-get', ['install', '-y', 'htop'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status === 0 && hasHtop()) return true;
  print(`apt-get install htop failed (status ${result.status ?? result.signal}): htop was skipped.`);
  return false;
}
