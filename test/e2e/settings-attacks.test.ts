// The settings file attacked the way another local user would attack it: a second, unprivileged
// user (made here, removed after) owns a config folder and plants links, a FIFO, a huge file and
// keys JSON.parse mangles in it; pooltop then runs as root on that folder (sudo keeps
// XDG_CONFIG_HOME or HOME), and as that user on its own folder.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { hasMainScreen, plain } from './monitor-screen.js';
import { POOLTOP_BIN, REPO_ROOT, startPooltop } from './pooltop-session.js';
import { createTestUser, removeTestUser, testUserUnavailable, type TestUser } from './test-user.js';
import { TmuxSession } from './tmux-session.js';

const unavailable = testUserUnavailable();
const REFUSED_TEXT = ': left as it is; settings of this session will not be saved';
const REFUSED = new RegExp(REFUSED_TEXT);
const SECRET = 'root:$6$pooltop-test-secret-hash:19000:0:99999:7:::';
const BIG_KEYS = '{"__proto__": {"polluted": true}, "big": 12345678901234567890, "huge": 1e400, "tree": false}\n';

let base = '';
let user: TestUser | undefined;
let session: TmuxSession | undefined;
/** Root's own files the attacks aim at: a stand-in for /etc/shadow, a file to overwrite, a path to create. */
let rootOnly = '';
let shadow = '';
let victim = '';
let created = '';

before(async () => {
  if (unavailable) return;
  base = mkdtempSync('/tmp/pooltop-attack-');
  // The user must reach its home below: the base is root's, readable by all, writable by root alone.
  chmodSync(base, 0o755);
  rootOnly = join(base, 'root-only');
  mkdirSync(rootOnly, { mode: 0o700 });
  shadow = join(rootOnly, 'shadow');
  victim = join(rootOnly, 'victim');
  created = join(rootOnly, 'created-by-root');
  writeFileSync(shadow, `${SECRET}\n`, { mode: 0o600 });
  writeFileSync(victim, 'root data\n', { mode: 0o600 });
  user = await createTestUser(join(base, 'home'));
});

afterEach(async () => {
  await session?.kill();
  session = undefined;
});

after(async () => {
  await session?.kill();
  await removeTestUser(user);
  if (base) rmSync(base, { recursive: true, force: true });
});

/** The user's config folder, emptied and made again by the user, mode 0700. */
function freshConfig(): string {
  const u = user!;
  u.sh(`rm -rf "$HOME/.config" && mkdir -m 700 -p "$HOME/.config/pooltop"`);
  return join(u.home, '.config', 'pooltop');
}

/** Everything about a folder's entries that a read or write would change, without opening a FIFO or hashing 600 MB. */
function describeFolder(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const s = lstatSync(path);
      const what = s.isSymbolicLink()
        ? `-> ${readlinkSync(path)}`
        : s.isFile() && s.size <= 1024 * 1024
          ? createHash('sha256').update(readFileSync(path)).digest('hex')
          : `size ${s.size}`;
      return `${name} ${(s.mode & 0o177777).toString(8)} ${s.uid}:${s.gid} ino ${s.ino} mtime ${s.mtimeMs} ${what}`;
    })
    .join('\n');
}

/**
 * Root's files as a read or write would leave them, taken without reading them: the shadow
 * stand-in's access time is set well before its change time first, so any read moves it (relatime).
 */
function rootFiles(): string {
  const times = [shadow, victim].map((path) => {
    const s = statSync(path);
    return `${path} atime ${s.atimeMs} mtime ${s.mtimeMs} ctime ${s.ctimeMs} size ${s.size}`;
  });
  return [...times, `${created} exists: ${existsSync(created)}`].join('\n');
}
function resetShadowTimes(): void {
  const now = Date.now() / 1000;
  utimesSync(shadow, now - 2 * 86_400, now - 86_400);
}

/** Links at the temporary names the old writer used, config.json.<pid>.tmp, for the next PIDs the machine gives out. */
function plantPredictableTemporaries(dir: string, target: string): void {
  user!.sh(
    `last=$(cat /proc/sys/kernel/ns_last_pid); i=1; while [ $i -le 300 ]; do ln -s "${target}" "${dir}/config.json.$((last + i)).tmp"; i=$((i + 1)); done`,
  );
}

/**
 * Reads the message line the monitor starts with, presses t (a change it would save) and quits;
 * returns that first screen, for `assertSaidOnce` after the files have been checked.
 */
async function runAndQuit(session: TmuxSession): Promise<string> {
  let screen: string;
  try {
    screen = plain(await session.waitFor(REFUSED, { description: 'the settings refusal in the message line' }));
  } catch {
    screen = plain(await session.capture());
  }
  await session.sendKeys('t');
  await session.waitFor((s) => /[├└]─ /.test(s), { description: 'tree view' });
  await session.sendKeys('q');
  assert.equal(await session.waitForExit(), 0);
  const after = await session.capture();
  assert.doesNotMatch(after, /settings/, `nothing more said on exit:\n${after}`);
  return screen;
}

function assertSaidOnce(screen: string, reason: RegExp): void {
  assert.equal(screen.split(REFUSED_TEXT).length - 1, 1, `the refusal is said once:\n${screen}`);
  assert.match(screen, reason);
}

describe('the settings file, planted by another user, with pooltop run as root', { skip: unavailable }, () => {
  const attacks: { name: string; plant(dir: string): void }[] = [
    {
      name: 'config.json → a root-only file, a config.json.broken the user can write, links at the predictable temporary names',
      plant: (dir) => {
        user!.sh(`ln -s "${shadow}" "${dir}/config.json" && touch "${dir}/config.json.broken" && chmod 666 "${dir}/config.json.broken"`);
        plantPredictableTemporaries(dir, victim);
      },
    },
    {
      name: 'config.json.broken → a root-owned path that does not exist, config.json not JSON',
      plant: (dir) => user!.sh(`printf 'not json: bytes of the user' > "${dir}/config.json" && ln -s "${created}" "${dir}/config.json.broken"`),
    },
    { name: 'config.json is a FIFO', plant: (dir) => user!.sh(`mkfifo "${dir}/config.json"`) },
    { name: 'config.json → /dev/zero', plant: (dir) => user!.sh(`ln -s /dev/zero "${dir}/config.json"`) },
    { name: 'config.json is a 600 MB sparse file', plant: (dir) => user!.sh(`truncate -s 600M "${dir}/config.json"`) },
    { name: 'config.json has __proto__ and numbers JSON.parse changes', plant: (dir) => user!.sh(`printf '%s' '${BIG_KEYS}' > "${dir}/config.json"`) },
  ];
  for (const attack of attacks) {
    it(`${attack.name}: nothing outside is read or written, the planted files stay as they are, and it says so once`, async () => {
      const dir = freshConfig();
      attack.plant(dir);
      resetShadowTimes();
      const folderBefore = describeFolder(dir);
      const rootBefore = rootFiles();
      session = await startPooltop([], { columns: 300, env: { XDG_CONFIG_HOME: join(user!.home, '.config') } });
      const screen = await runAndQuit(session);
      for (const name of readdirSync(dir)) {
        const s = lstatSync(join(dir, name));
        if (s.isFile() && s.size < 1024 * 1024) assert.ok(!readFileSync(join(dir, name), 'utf8').includes(SECRET), `${name} holds no copy of the secret`);
      }
      assert.equal(rootFiles(), rootBefore, "root's files were neither read nor written, and nothing was created");
      assert.equal(readFileSync(victim, 'utf8'), 'root data\n', 'the victim was not overwritten');
      assert.equal(describeFolder(dir), folderBefore, 'the planted files are unchanged and nothing was added');
      assertSaidOnce(screen, /home is owned by uid \d+, not by you \(uid 0\) or root/);
    });
  }
});

describe('pooltop run by the unprivileged user on its own settings', {
  skip: unavailable || (spawnSync('setpriv', ['--help']).error ? 'setpriv is not installed' : false),
}, () => {
  /** bin/pooltop in tmux as the test user (setpriv drops root's uid, gid and groups before node starts). */
  async function startAsUser(args: string[] = []): Promise<TmuxSession> {
    const u = user!;
    const started = await TmuxSession.start({
      cwd: REPO_ROOT,
      label: 'as-user',
      columns: 300,
      env: { XDG_CONFIG_HOME: join(u.home, '.config'), HOME: u.home },
      command: ['setpriv', `--reuid=${u.uid}`, `--regid=${u.gid}`, '--clear-groups', '--', POOLTOP_BIN, ...args],
    });
    await started.waitFor(hasMainScreen, { timeoutMs: 15_000, description: "pooltop's first full screen" });
    return started;
  }

  it('saves a key press normally, merged into its file: __proto__ and big numbers kept as they were written', async () => {
    const dir = freshConfig();
    user!.sh(`printf '%s' '${BIG_KEYS}' > "${dir}/config.json" && chmod 644 "${dir}/config.json"`);
    session = await startAsUser(['-s', 'pid']);
    assert.doesNotMatch(await session.capture(), REFUSED);
    await session.sendKeys('t');
    await session.waitFor((s) => /[├└]─ /.test(s), { description: 'tree view' });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
    const path = join(dir, 'config.json');
    assert.equal(readFileSync(path, 'utf8'), BIG_KEYS.replace('"tree": false', '"tree": true'));
    const s = statSync(path);
    assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [user!.uid, user!.gid, 0o644]);
    assert.deepEqual(readdirSync(dir), ['config.json'], 'no temporary file left');
  });

  const careless: { name: string; plant(dir: string): void; reason: RegExp }[] = [
    { name: 'a FIFO', plant: (dir) => user!.sh(`mkfifo "${dir}/config.json"`), reason: /config\.json is a FIFO, not a regular file/ },
    { name: 'a link to /dev/zero', plant: (dir) => user!.sh(`ln -s /dev/zero "${dir}/config.json"`), reason: /config\.json is a symbolic link/ },
    { name: 'a 600 MB sparse file', plant: (dir) => user!.sh(`truncate -s 600M "${dir}/config.json"`), reason: /config\.json is larger than 1 MB/ },
    {
      name: "root's file in the user's folder",
      plant: (dir) => {
        writeFileSync(join(dir, 'config.json'), '{"tree": false}');
        chownSync(join(dir, 'config.json'), 0, 0);
      },
      reason: /config\.json is owned by uid 0, not by you \(uid \d+\)/,
    },
  ];
  for (const bad of careless) {
    it(`starts at once with ${bad.name} as its config.json, says so once, and leaves it as it is`, async () => {
      const dir = freshConfig();
      bad.plant(dir);
      const before = describeFolder(dir);
      session = await startAsUser();
      const screen = await runAndQuit(session);
      assert.equal(describeFolder(dir), before, 'left as it was');
      assertSaidOnce(screen, bad.reason);
    });
  }
});
