import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, settingsPath } from '../../src/cli/settings-file.js';

const root = mkdtempSync(join(tmpdir(), 'pooltop-settings-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function file(content?: string): string {
  const dir = join(root, `case${n++}`, 'pooltop');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'config.json');
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

describe('settings file', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    assert.equal(settingsPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/a' }), '/x/cfg/pooltop/config.json');
    assert.equal(settingsPath({ HOME: '/home/a' }), '/home/a/.config/pooltop/config.json');
    assert.equal(settingsPath({ XDG_CONFIG_HOME: 'relative', HOME: '/home/a' }), '/home/a/.config/pooltop/config.json');
  });

  it('gives defaults without a problem when the file is missing', () => {
    const loaded = loadSettings(file());
    assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
    assert.equal(loaded.problem, null);
  });

  it('reads a good file', () => {
    const loaded = loadSettings(file(JSON.stringify({ sortKey: 'mem', sortInverted: true, tree: true, delayTenths: 5, color: false })));
    assert.deepEqual(loaded.settings, { sortKey: 'mem', sortInverted: true, tree: true, delayTenths: 5, color: false });
    assert.equal(loaded.problem, null);
  });

  it('reports a broken file once, uses defaults, and keeps the old file aside when saving', () => {
    const path = file('{"sortKey": "mem", oops');
    const loaded = loadSettings(path);
    assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
    assert.match(loaded.problem ?? '', /not valid JSON; using defaults/);
    assert.equal(saveSettings(path, { ...DEFAULT_SETTINGS, tree: true }, loaded), null);
    assert.equal(readFileSync(`${path}.broken`, 'utf8'), '{"sortKey": "mem", oops');
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).tree, true);
    for (const text of ['[1,2]', 'null', '"x"', '']) assert.ok(loadSettings(file(text)).problem, text);
  });

  it('keeps the good values of a partial file and ignores the bad ones', () => {
    const loaded = loadSettings(file(JSON.stringify({ sortKey: 'nonsense', tree: true, delayTenths: -3, color: 'yes' })));
    assert.deepEqual(loaded.settings, { ...DEFAULT_SETTINGS, tree: true });
    assert.match(loaded.problem ?? '', /ignored bad sortKey, delayTenths, color/);
  });

  it("never loses the user's other settings when writing", () => {
    const path = file(JSON.stringify({ tree: true, theme: 'solarized', keys: { q: 'quit' } }));
    const loaded = loadSettings(path);
    assert.deepEqual(loaded.extra, { theme: 'solarized', keys: { q: 'quit' } });
    assert.equal(saveSettings(path, { ...loaded.settings, sortKey: 'pid' }, loaded), null);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(written.theme, 'solarized');
    assert.deepEqual(written.keys, { q: 'quit' });
    assert.equal(written.sortKey, 'pid');
    assert.deepEqual(readdirSync(join(path, '..')).sort(), ['config.json'], 'no temporary file left');
  });

  it('creates the folder when missing', () => {
    const path = join(root, 'fresh', 'deeper', 'pooltop', 'config.json');
    assert.equal(saveSettings(path, DEFAULT_SETTINGS, { extra: {}, broken: false }), null);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), DEFAULT_SETTINGS);
  });

  it('reports an unwritable place as an error value, leaving the old file intact', { skip: process.getuid?.() === 0 && 'root can write anywhere' }, () => {
    const path = file(JSON.stringify({ tree: true }));
    chmodSync(join(path, '..'), 0o500);
    try {
      const error = saveSettings(path, DEFAULT_SETTINGS, { extra: {}, broken: false });
      assert.match(error ?? '', /could not save settings .*EACCES/);
      assert.equal(JSON.parse(readFileSync(path, 'utf8')).tree, true);
    } finally {
      chmodSync(join(path, '..'), 0o700);
    }
  });

  it('reports a path it cannot create as an error value', () => {
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const error = saveSettings(join(blocker, 'pooltop', 'config.json'), DEFAULT_SETTINGS, { extra: {}, broken: false });
    assert.match(error ?? '', /could not save settings .*(ENOTDIR|EEXIST)/);
    assert.ok(!existsSync(join(blocker, 'pooltop')));
  });

  it('reports an unreadable file and uses defaults', () => {
    const path = file();
    mkdirSync(path);
    const loaded = loadSettings(path);
    assert.deepEqual(loaded.settings, DEFAULT_SETTINGS);
    assert.match(loaded.problem ?? '', /cannot read .*EISDIR/);
  });
});
