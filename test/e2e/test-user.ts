// A second, unprivileged user of the machine, made for one test file (useradd) and removed after
// it (userdel -r), so what another user could plant is planted by another user.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  /** Its home, made by useradd, owned by it, removed with it. */
  home: string;
  /** Runs `sh -c script` as this user (no supplementary groups); throws with its stderr when it fails. */
  sh(script: string): string;
}

/** Why a test user cannot be made here, or false when it can. */
export function testUserUnavailable(): string | false {
  if (process.geteuid?.() !== 0) return 'making a second user needs root';
  if (spawnSync('useradd', ['--help'], { stdio: 'ignore' }).error) return 'useradd is not installed';
  return false;
}

let counter = 0;

/**
 * Makes a user with a name no one else has, its home at `home`. Call `removeTestUser` in an
 * `after` hook, which runs when a test fails too. useradd waits for nobody: when another
 * useradd holds /etc/passwd's lock (exit status 10) it is tried again, a few times.
 */
export async function createTestUser(home: string): Promise<TestUser> {
  const name = `pooltop-${process.pid}-${++counter}`;
  let result: SpawnSyncReturns<string> | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    result = spawnSync('useradd', ['--create-home', '--home-dir', home, '--user-group', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' });
    if (result.status !== 10) break;
    await delay(250);
  }
  if (result?.status !== 0) throw new Error(`useradd ${name} failed (status ${result?.status}): ${result?.stderr}`);
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout);
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout);
  return {
    name,
    uid,
    gid,
    home,
    sh(script) {
      const run = spawnSync('sh', ['-c', script], { uid, gid, cwd: '/', encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home } });
      if (run.status !== 0) throw new Error(`as ${name}: ${script}: ${run.stderr || run.error}`);
      return run.stdout;
    },
  };
}

/** userdel -r (home and mail spool too), forced: the user is gone even if a process of it is left. */
export async function removeTestUser(user: TestUser | undefined): Promise<void> {
  if (!user) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = spawnSync('userdel', ['--remove', '--force', user.name], { encoding: 'utf8' });
    // 10: /etc/passwd is locked by another useradd or userdel; 6: already gone.
    if (result.status !== 10) return;
    await delay(250);
  }
}
