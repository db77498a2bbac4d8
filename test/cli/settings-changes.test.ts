import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchSettingsChanges } from '../../src/cli/settings-changes.js';
import { DEFAULT_SETTINGS, parseSetting, SETTING_KEYS } from '../../src/cli/settings-schema.js';
import { createAppStore } from '../../src/store/app-store.js';

describe('settings changed this session', () => {
  it('counts nothing the store started with (the file, the command line), nor other changes', () => {
    const store = createAppStore({ sortKey: 'pid', inverted: true, tree: true });
    const changes = watchSettingsChanges(store);
    store.getState().notify('hello');
    store.getState().moveBy(1);
    assert.deepEqual([...changes.changed], []);
    assert.deepEqual(changes.values(), {});
  });

  it('counts what a key changed, with its value at the end, even when changed back', () => {
    const store = createAppStore({ sortKey: 'pid' });
    const changes = watchSettingsChanges(store);
    store.getState().setSort('mem', false);
    store.getState().toggleTree();
    store.getState().toggleTree();
    assert.deepEqual(changes.values(), { sortKey: 'mem', tree: false });
    store.getState().invertSort();
    assert.deepEqual(changes.values(), { sortKey: 'mem', sortInverted: true, tree: false });
    changes.stop();
    store.getState().setSort('cpu', false);
    assert.deepEqual(changes.values(), { sortKey: 'cpu', sortInverted: false, tree: false }, 'the values are read at the end');
    store.getState().toggleTree();
    assert.deepEqual([...changes.changed].sort(), ['sortInverted', 'sortKey', 'tree'], 'nothing new counted after stop');
  });
});

describe('the settings schema', () => {
  it('has a default that passes its own check for every key', () => {
    for (const key of SETTING_KEYS) assert.deepEqual(parseSetting(key, DEFAULT_SETTINGS[key]), DEFAULT_SETTINGS[key], key);
  });

  it('checks each value', () => {
    assert.equal(parseSetting('sortKey', 'MEM'), 'mem');
    assert.equal(parseSetting('sortKey', 'nonsense'), undefined);
    assert.equal(parseSetting('sortKey', 3), undefined);
    assert.equal(parseSetting('tree', 'true'), undefined);
    for (const bad of [0, 601, 1.5, Infinity, '5', null]) assert.equal(parseSetting('delayTenths', bad), undefined, String(bad));
    assert.equal(parseSetting('delayTenths', 600), 600);
  });
});
