import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchSettingsChanges } from '../../src/cli/settings-changes.js';
import { createAppStore } from '../../src/store/app-store.js';
import { info, sample } from '../model/fixtures.js';

function store() {
  const s = createAppStore({ sortKey: 'pid', columns: ['pid', 'user', 'command'] });
  s.getState().applySample(sample([info(1, { ioReadRate: 10, ioWriteRate: 0 } as never), info(2)]));
  return s;
}

describe('screens', () => {
  it("starts on Main with htop's I/O screen after it; Tab shows each screen's own columns and sort, and back", () => {
    const s = store();
    const changes = watchSettingsChanges(s);
    assert.deepEqual(
      s.getState().screens.map((x) => x.name),
      ['Main', 'I/O'],
    );
    s.getState().cycleScreen(1);
    assert.equal(s.getState().screen, 1);
    assert.deepEqual(s.getState().view.columns, ['pid', 'user', 'iorate', 'ioread', 'iowrite', 'command']);
    assert.deepEqual(s.getState().view.sort, { key: 'iorate', inverted: false });
    assert.deepEqual(changes.values(), {}, 'looking at a screen changes no setting');
    s.getState().setSort('ioread');
    s.getState().cycleScreen(-1);
    assert.deepEqual(s.getState().view.columns, ['pid', 'user', 'command']);
    assert.deepEqual(s.getState().view.sort, { key: 'pid', inverted: false });
    s.getState().cycleScreen(1);
    assert.equal(s.getState().view.sort.key, 'ioread', 'the I/O screen kept its own sort');
    assert.deepEqual(Object.keys(changes.values()), ['screens'], 'the sort of I/O is saved as part of the screens, not as the sortKey');
    assert.equal(changes.values().screens?.[0]?.sortKey, 'ioread');
  });

  it('keeps the columns and sort settings the first screen’s while another is shown', () => {
    const s = store();
    const changes = watchSettingsChanges(s);
    s.getState().cycleScreen(1);
    s.getState().setColumns(['pid', 'ioread', 'command']);
    assert.deepEqual(Object.keys(changes.values()), ['screens']);
    assert.deepEqual(changes.values().screens?.[0]?.columns, ['pid', 'ioread', 'command']);
  });

  it('adds a screen from the shown one, renames it, removes it, and never removes the first', () => {
    const s = store();
    s.getState().addScreen();
    assert.equal(s.getState().screen, 2);
    assert.deepEqual(
      s.getState().screens.map((x) => x.name),
      ['Main', 'I/O', 'Screen 3'],
    );
    assert.deepEqual(s.getState().view.columns, ['pid', 'user', 'command']);
    s.getState().renameScreen(2, 'Mine');
    s.getState().removeScreen(0);
    assert.equal(s.getState().screens.length, 3);
    s.getState().removeScreen(2);
    assert.deepEqual(
      s.getState().screens.map((x) => x.name),
      ['Main', 'I/O'],
    );
    assert.equal(s.getState().screen, 1, 'the one before is shown');
    assert.deepEqual(s.getState().view.sort.key, 'iorate');
    s.getState().removeScreen(1);
    s.getState().cycleScreen(1);
    assert.match(s.getState().message?.text ?? '', /one screen/);
  });
});
