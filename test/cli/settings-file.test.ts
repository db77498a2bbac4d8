import assert from 'node:assert/strict';
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
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, saveSettings, settingsPath } from '../../src/cli/settings-file.js';
import { DEFAULT_SETTINGS } from '../../src/cli/settings-schema.js';
import type { HeaderLayout } from '../../src/model/header-layout.js';

const isRoot = process.geteuid?.() === 0;

const root = mkdtempSync(join(tmpdir(), 'pooltop-settings-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh …/pooltop/config.json path (the folder made, mode 0700), with `content` written when given. */
function file(content?: string | Buffer): string {
  const dir = join(root, `case${n++}`, 'pooltop');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'config.json');
  if (content !== undefined) writeFileSync(path, content);
  return path;
}
const folderOf = (path: string): string => join(path, '..');

/** loadSettings(path).problem for each path, run in a child process that is killed after 5 s. */
function loadInChild(paths: string[]): (string | null)[] {
  const module = new URL('../../src/cli/settings-file.ts', import.meta.url).href;
  const script = `const { loadSettings } = await import(${JSON.stringify(module)}); console.log(JSON.stringify(${JSON.stringify(paths)}.map((p) => loadSettings(p).problem)));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 5000,
    killSignal: 'SIGKILL',
  });
  assert.equal(child.signal, null, `the child was killed after 5 s: it blocked or kept reading (${child.stderr})`);
  return JSON.parse(child.stdout) as (string | null)[];
}
const read = (path: string): string => readFileSync(path, 'utf8');

describe('settings file: reading', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    assert.equal(settingsPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/a' }), '/x/cfg/pooltop/config.json');
    assert.equal(settingsPath({ HOME: '/home/a' }), '/home/a/.config/pooltop/config.json');
    assert.equal(settingsPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/a' }), '/home/a/.config/pooltop/config.json');
  });

  it('gives defaults without a problem when the file or its folder is missing', () => {
    for (const path of [file(), join(root, 'nowhere', 'pooltop', 'config.json')]) {
      const loaded = loadSettings(path);
      assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
      assert.equal(loaded.problem, null);
      assert.equal(loaded.saveAllowed, true);
    }
    assert.ok(!existsSync(join(root, 'nowhere')), 'reading creates nothing');
  });

  it('reads the columns and the colour scheme, and refuses a bad list or an unknown scheme', () => {
    const good = loadSettings(file(JSON.stringify({ columns: ['pid', 'elapsed', 'command'], colorScheme: 'nord' })));
    assert.deepEqual(good.settings.columns, ['pid', 'elapsed', 'command']);
    assert.equal(good.settings.colorScheme, 'nord');
    const bad = loadSettings(file(JSON.stringify({ columns: ['pid', 'rm -rf'], colorScheme: 'solarized' })));
    assert.deepEqual(bad.settings.columns, DEFAULT_SETTINGS.columns);
    assert.equal(bad.settings.colorScheme, 'default');
    assert.match(bad.problem ?? '', /bad columns, colorScheme/);
    assert.deepEqual(loadSettings(file('{"columns": []}')).settings.columns, DEFAULT_SETTINGS.columns, 'an empty list');
    assert.deepEqual(loadSettings(file(JSON.stringify({ columns: Array(65).fill('pid') }))).settings.columns, DEFAULT_SETTINGS.columns, 'a list too long');
  });

  it('reads a good file', () => {
    const loaded = loadSettings(file(JSON.stringify({ sortKey: 'mem', sortInverted: true, tree: true, delayTenths: 5, color: false })));
    assert.deepEqual(loaded.settings, { ...DEFAULT_SETTINGS, sortKey: 'mem', sortInverted: true, tree: true, delayTenths: 5, color: false });
    assert.equal(loaded.problem, null);
  });

  it("reads the threads' and highlighting's settings, htop's defaults when absent, each value checked", () => {
    assert.deepEqual(
      [
        DEFAULT_SETTINGS.hideKernelThreads,
        DEFAULT_SETTINGS.hideUserlandThreads,
        DEFAULT_SETTINGS.showThreadNames,
        DEFAULT_SETTINGS.highlightChanges,
        DEFAULT_SETTINGS.highlightDelaySecs,
      ],
      [true, true, false, false, 5],
    );
    const good = { hideKernelThreads: false, hideUserlandThreads: false, showThreadNames: true, highlightChanges: true, highlightDelaySecs: 9 };
    assert.deepEqual(loadSettings(file(JSON.stringify(good))).settings, { ...DEFAULT_SETTINGS, ...good });
    const bad = loadSettings(file('{"hideKernelThreads": 0, "highlightDelaySecs": 86401, "showThreadNames": "yes"}'));
    assert.deepEqual(bad.settings, DEFAULT_SETTINGS);
    assert.match(bad.problem ?? '', /bad hideKernelThreads, showThreadNames, highlightDelaySecs|bad .*highlightDelaySecs/);
  });

  it('reads the graph settings, and refuses values they cannot take', () => {
    const good = { cpuMeter: 'graph', graphsPanel: true, graphSpan: 300, graphStyle: 'block', systemMeters: false };
    assert.deepEqual(loadSettings(file(JSON.stringify(good))).settings, { ...DEFAULT_SETTINGS, ...good });
    const bad = loadSettings(file(JSON.stringify({ cpuMeter: 'led', graphsPanel: 1, graphSpan: 45, graphStyle: 'dots', systemMeters: 'no' })));
    assert.deepEqual(bad.settings, DEFAULT_SETTINGS);
    assert.match(bad.problem ?? '', /bad cpuMeter, graphsPanel, graphSpan, graphStyle, systemMeters/);
  });

  it('reads the header layout, refuses a bad one with a message keeping the rest, and saves and reads back a new one', () => {
    const layout: HeaderLayout = {
      columns: [
        [{ meter: 'clock', mode: 'text' }],
        [
          { meter: 'memory', mode: 'graph' },
          { meter: 'cpusLeft', mode: 'text' },
        ],
      ],
    };
    assert.deepEqual(loadSettings(file(JSON.stringify({ headerLayout: layout }))).settings.headerLayout, layout);
    const text = JSON.stringify({
      tree: true,
      headerLayout: {
        columns: [
          [
            { meter: 'clock', mode: 'text' },
            { meter: 'toaster', mode: 'bar' },
          ],
        ],
      },
    });
    const path = file(text);
    const bad = loadSettings(path);
    assert.deepEqual(bad.settings, { ...DEFAULT_SETTINGS, tree: true });
    assert.match(bad.problem ?? '', /bad headerLayout \(left in the file as it is\)/);
    assert.equal(read(path), text, 'the bad value stays in the file');
    assert.equal(saveSettings(path, { headerLayout: layout }), null);
    assert.deepEqual(loadSettings(path).settings, { ...DEFAULT_SETTINGS, tree: true, headerLayout: layout });
  });

  it('reads the last of a duplicated key, as JSON.parse does, and keys written with escapes', () => {
    const loaded = loadSettings(file('{"tree": false, "\\u0074ree": true, "sortKey": "pid", "sortKey": "mem"}'));
    assert.equal(loaded.settings.tree, true);
    assert.equal(loaded.settings.sortKey, 'mem');
  });

  it('uses the default for a bad value for this run, says so once, and leaves the value in the file', () => {
    const text = '{"sortKey": "nonsense", "tree": true, "delayTenths": 1e400, "color": "yes", "sortInverted": false}';
    const path = file(text);
    const loaded = loadSettings(path);
    assert.deepEqual(loaded.settings, { ...DEFAULT_SETTINGS, tree: true });
    assert.match(loaded.problem ?? '', /: bad sortKey, delayTenths, color \(left in the file as they are\); using the default for this run$/);
    assert.equal(loaded.saveAllowed, true);
    assert.equal(saveSettings(path, { sortInverted: true }), null);
    assert.equal(read(path), text.replace('"sortInverted": false', '"sortInverted": true'));
  });

  for (const [name, content, reason] of [
    ['not JSON', '{"sortKey": "mem", oops', 'is not valid JSON'],
    ['an array', '[1,2]', 'is not a JSON object'],
    ['null', 'null', 'is not a JSON object'],
    ['a string', '"x"', 'is not a JSON object'],
    ['empty', '', 'is not valid JSON'],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'is not UTF-8 text'],
    ['begins with a byte-order mark', '\ufeff{"tree": true}', 'is not valid JSON'],
  ] as const) {
    it(`leaves a file that is ${name} exactly as it was, writes nothing all session, and says so once`, () => {
      const path = file(content);
      const before = readFileSync(path);
      const loaded = loadSettings(path);
      assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
      assert.match(loaded.problem ?? '', new RegExp(`config\\.json ${reason}: left as it is; settings of this session will not be saved$`));
      assert.equal(loaded.saveAllowed, false);
      assert.deepEqual(readFileSync(path), before);
      assert.deepEqual(readdirSync(folderOf(path)), ['config.json'], 'no config.json.broken or other copy');
    });
  }

  it('does not follow a symbolic link, and leaves it and its target as they were', () => {
    const outside = join(root, 'outside.json');
    writeFileSync(outside, '{"tree": true}');
    const path = file();
    symlinkSync(outside, path);
    const loaded = loadSettings(path);
    assert.deepEqual(loaded.settings, DEFAULT_SETTINGS, 'nothing was read through the link');
    assert.match(loaded.problem ?? '', /config\.json is a symbolic link: left as it is/);
    assert.equal(loaded.saveAllowed, false);
    assert.equal(readlinkSync(path), outside);
    assert.equal(read(outside), '{"tree": true}');
  });

  it('does not block on a FIFO, nor read /dev/zero, nor a folder', () => {
    const fifo = file();
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const zero = file();
    symlinkSync('/dev/zero', zero);
    const folder = file();
    mkdirSync(folder);
    // In a child process with a deadline: a reader that blocked or read forever would hang this file.
    const problems = loadInChild([fifo, zero, folder]);
    assert.match(problems[0] ?? '', /config\.json is a FIFO, not a regular file: left as it is/);
    assert.match(problems[1] ?? '', /config\.json is a symbolic link: left as it is/);
    assert.match(problems[2] ?? '', /config\.json is a folder, not a regular file: left as it is/);
  });

  it('reads nothing of a file over 1 MB (a 600 MB sparse one takes no memory) and leaves it', () => {
    const path = file();
    writeFileSync(path, '{"tree": true}');
    truncateSync(path, 600 * 1024 * 1024);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const loaded = loadSettings(path);
    assert.ok(process.memoryUsage().arrayBuffers - heapBefore < 8 * 1024 * 1024, 'no more than the 1 MB cap is held');
    assert.match(loaded.problem ?? '', /config\.json is larger than 1 MB: left as it is/);
    assert.equal(loaded.saveAllowed, false);
    assert.equal(statSync(path).size, 600 * 1024 * 1024);
    const small = file(`{"tree": true, "pad": "${'x'.repeat(1024 * 1024 - 30)}"}`);
    assert.equal(loadSettings(small).problem, null, 'just under the cap is read');
  });

  it('refuses a file owned by another user', { skip: !isRoot && 'chown needs root' }, () => {
    const path = file('{"tree": true}');
    chownSync(path, 4242, 4242);
    const loaded = loadSettings(path);
    assert.match(loaded.problem ?? '', /config\.json is owned by uid 4242, not by you \(uid 0\): left as it is/);
    assert.equal(loaded.settings.tree, false);
    assert.equal(saveSettings(path, { tree: false }), `did not save settings: ${path} is owned by uid 4242, not by you (uid 0): left as it is`);
    assert.equal(read(path), '{"tree": true}');
  });
});

describe('settings file: the folder', () => {
  it('refuses a folder that is a symbolic link, or that others may write', () => {
    const real = folderOf(file('{"tree": true}'));
    const base = join(root, `case${n++}`);
    mkdirSync(base);
    symlinkSync(real, join(base, 'pooltop'));
    const linked = loadSettings(join(base, 'pooltop', 'config.json'));
    assert.match(linked.problem ?? '', /pooltop is a symbolic link: left as it is/);
    assert.equal(linked.saveAllowed, false);
    assert.equal(saveSettings(join(base, 'pooltop', 'config.json'), { tree: false }), `did not save settings: ${join(base, 'pooltop')} is a symbolic link`);

    for (const mode of [0o777, 0o770, 0o1777]) {
      const path = file('{"tree": true}');
      chmodSync(folderOf(path), mode);
      const loaded = loadSettings(path);
      assert.match(loaded.problem ?? '', /pooltop is writable by others than its owner \(mode [0-7]{4}\): left as it is/, mode.toString(8));
      assert.equal(saveSettings(path, { tree: false }) !== null, true);
      assert.equal(read(path), '{"tree": true}');
    }
  });

  it('refuses a folder above that others may write, unless it is sticky like /tmp', () => {
    const path = file('{"tree": true}');
    const above = join(path, '..', '..');
    chmodSync(above, 0o777);
    assert.match(loadSettings(path).problem ?? '', /case\d+ is writable by others than its owner \(mode 0777\): left as it is/);
    chmodSync(above, 0o1777);
    assert.equal(loadSettings(path).problem, null);
    assert.equal(saveSettings(path, { tree: false }), null);
  });

  it('refuses a folder owned by another user, and one above it owned by neither you nor root', { skip: !isRoot && 'chown needs root' }, () => {
    const path = file('{"tree": true}');
    chownSync(folderOf(path), 4242, 4242);
    assert.match(loadSettings(path).problem ?? '', /pooltop is owned by uid 4242, not by you \(uid 0\): left as it is/);
    const other = file('{"tree": true}');
    chownSync(join(other, '..', '..'), 4242, 4242);
    assert.match(loadSettings(other).problem ?? '', /case\d+ is owned by uid 4242, not by you \(uid 0\) or root: left as it is/);
    assert.match(saveSettings(other, { tree: false }) ?? '', /^did not save settings: .*case\d+ is owned by uid 4242/);
    assert.equal(read(other), '{"tree": true}');
  });

  it('follows a link above the folder (~/.config → dotfiles) and checks where it leads', () => {
    const real = join(root, `case${n++}`);
    mkdirSync(join(real, 'pooltop'), { recursive: true, mode: 0o700 });
    writeFileSync(join(real, 'pooltop', 'config.json'), '{"tree": true}');
    const link = join(root, `case${n++}`);
    symlinkSync(real, link);
    assert.equal(loadSettings(join(link, 'pooltop', 'config.json')).settings.tree, true);
    assert.equal(saveSettings(join(link, 'pooltop', 'config.json'), { sortKey: 'pid' }), null);
    assert.equal(read(join(real, 'pooltop', 'config.json')), '{"tree": true,"sortKey": "pid"}');
  });

  it('creates missing folders, mode 0700, and the file mode 0600', () => {
    const path = join(root, 'fresh', 'deeper', 'pooltop', 'config.json');
    assert.equal(saveSettings(path, { tree: true }), null);
    assert.deepEqual(JSON.parse(read(path)), { tree: true });
    for (const dir of ['fresh', 'fresh/deeper', 'fresh/deeper/pooltop']) assert.equal(statSync(join(root, dir)).mode & 0o777, 0o700, dir);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('reports a place it cannot create as one line, creating nothing', () => {
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const error = saveSettings(join(blocker, 'pooltop', 'config.json'), { tree: true });
    assert.equal(error, `did not save settings: ${blocker} is not a folder`);
    assert.equal(read(blocker), 'a file where a folder should be');
  });
});

describe('settings file: writing', () => {
  it('writes nothing, and creates nothing, when no setting changed', () => {
    const path = join(root, 'untouched', 'pooltop', 'config.json');
    assert.equal(saveSettings(path, {}), null);
    assert.ok(!existsSync(join(root, 'untouched')));
    const existing = file('{"tree": true}');
    const before = statSync(existing).mtimeMs;
    assert.equal(saveSettings(existing, {}), null);
    assert.equal(statSync(existing).mtimeMs, before);
  });

  it('keeps every key it does not know as the same text: __proto__, numbers JSON.parse would change, nesting, layout', () => {
    const text = [
      '{',
      '  "__proto__": {"polluted": true},',
      '  "big": 12345678901234567890,',
      '  "huge": 1e400,',
      '  "tiny": 1E-400,',
      '  "esc\\u0061ped": "\\ud83d\\ude00 \\" } ] ,",',
      '  "nested": { "a": [1, {"b": "}"}], "c": null },',
      '  "dup": 1, "dup": 2,',
      '  "tree": false',
      '}',
      '',
    ].join('\n');
    const path = file(text);
    assert.equal(saveSettings(path, { tree: true, sortKey: 'pid' }), null);
    assert.equal(read(path), text.replace('"tree": false', '"tree": true,\n  "sortKey": "pid"'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('adds keys to an empty object and to a compact one', () => {
    for (const [before, after] of [
      ['{}', '{\n  "tree": true\n}'],
      [' { \n } \n', ' {\n  "tree": true\n} \n'],
      ['{"x":1}', '{"x":1,"tree":true}'],
    ]) {
      const path = file(before);
      assert.equal(saveSettings(path, { tree: true }), null);
      assert.equal(read(path), after);
    }
  });

  it('replaces every occurrence of a duplicated known key', () => {
    const path = file('{"tree": false, "x": 1, "tree": false}');
    assert.equal(saveSettings(path, { tree: true }), null);
    assert.equal(read(path), '{"tree": true, "x": 1, "tree": true}');
  });

  it('merges with what is on disk at save time: keys another pooltop wrote meanwhile survive', () => {
    const path = file('{"tree": false}');
    const loaded = loadSettings(path);
    assert.equal(loaded.problem, null);
    writeFileSync(path, '{"tree": true, "delayTenths": 30, "theme": "solarized"}');
    assert.equal(saveSettings(path, { sortKey: 'mem' }), null);
    assert.deepEqual(JSON.parse(read(path)), { tree: true, delayTenths: 30, theme: 'solarized', sortKey: 'mem' });
  });

  it('does not write when the file became unreadable during the session, and leaves it', () => {
    const path = file('{"tree": false}');
    assert.equal(loadSettings(path).saveAllowed, true);
    writeFileSync(path, '{"tree": tru');
    assert.equal(saveSettings(path, { tree: true }), `did not save settings: ${path} is not valid JSON: left as it is`);
    assert.equal(read(path), '{"tree": tru');
  });

  it('keeps the old file mode (less write access for others), and leaves no temporary file', () => {
    const path = file('{"tree": false}');
    chmodSync(path, 0o660);
    assert.equal(saveSettings(path, { tree: true }), null);
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(folderOf(path)), ['config.json']);
  });

  it('never writes through a link planted at the old predictable temporary name (config.json.<pid>.tmp)', () => {
    const victim = join(root, 'victim');
    writeFileSync(victim, 'victim');
    const path = file('{"tree": false}');
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    assert.equal(saveSettings(path, { tree: true }), null);
    assert.equal(read(victim), 'victim');
    assert.ok(!lstatSync(path).isSymbolicLink());
    assert.equal(read(path), '{"tree": true}');
    assert.equal(readlinkSync(`${path}.${process.pid}.tmp`), victim, 'the planted link is left as it was');
  });

  it('does not save over a folder that appeared at config.json during the session', () => {
    const path = file();
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'x');
    assert.match(saveSettings(path, { tree: true }) ?? '', /config\.json is a folder, not a regular file: left as it is$/);
    assert.deepEqual(readdirSync(folderOf(path)), ['config.json']);
    assert.deepEqual(readdirSync(path), ['inside']);
  });

  it('reports an unwritable folder with its cause (EACCES), leaving the old file intact', { skip: isRoot && 'root can write anywhere' }, () => {
    const path = file(JSON.stringify({ tree: true }));
    chmodSync(folderOf(path), 0o500);
    try {
      assert.equal(saveSettings(path, { tree: false }), `could not save settings to ${path}: permission denied (EACCES)`);
      assert.equal(JSON.parse(read(path)).tree, true);
    } finally {
      chmodSync(folderOf(path), 0o700);
    }
  });
});

describe('settings file: a read-only or full file system', { skip: !isRoot && 'mounting a tmpfs needs root' }, () => {
  const mounted: string[] = [];
  after(() => {
    for (const point of mounted) spawnSync('umount', [point]);
  });
  /** A fresh tmpfs of `size` with a private pooltop/config.json on it holding `{"tree": false}`; null when mounting is not allowed. */
  function tmpfsWithSettings(size: string): string | null {
    const point = join(root, `mount${n++}`);
    mkdirSync(point);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', point]).status !== 0) return null;
    mounted.push(point);
    mkdirSync(join(point, 'pooltop'), { mode: 0o700 });
    writeFileSync(join(point, 'pooltop', 'config.json'), '{"tree": false}');
    return point;
  }

  it('says "read-only file system (EROFS)", whether the folder exists or not', (t) => {
    const point = tmpfsWithSettings('64k');
    if (!point) return t.skip('mount -t tmpfs is not allowed here');
    mkdirSync(join(point, 'empty'), { mode: 0o700 });
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', point]).status, 0);
    const path = join(point, 'pooltop', 'config.json');
    assert.equal(saveSettings(path, { tree: true }), `could not save settings to ${path}: read-only file system (EROFS)`);
    assert.equal(
      saveSettings(join(point, 'empty', 'pooltop', 'config.json'), { tree: true }),
      `could not save settings: cannot create ${join(point, 'empty', 'pooltop')}: read-only file system (EROFS)`,
    );
    assert.equal(read(path), '{"tree": false}');
  });

  it('says "no space left on device (ENOSPC)", removes its temporary file and leaves the old one', (t) => {
    const point = tmpfsWithSettings('8k');
    if (!point) return t.skip('mount -t tmpfs is not allowed here');
    const path = join(point, 'pooltop', 'config.json');
    // Fill what is left, then ask for more than a page.
    spawnSync('sh', ['-c', `cat /dev/zero > ${join(point, 'filler')}`]);
    assert.equal(saveSettings(path, { tree: true, sortKey: 'pid' }), `could not save settings to ${path}: no space left on device (ENOSPC)`);
    assert.equal(read(path), '{"tree": false}');
    assert.deepEqual(readdirSync(join(point, 'pooltop')), ['config.json'], 'the temporary file is gone');
  });
});
