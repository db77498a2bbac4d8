import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withReading } from '../../src/sampling/system-meters.js';
import { createAppStore } from '../../src/store/app-store.js';
import { storeMeters } from '../../src/store/meters-poller.js';

describe("the store as the system meters' holder", () => {
  it('puts a reading in the store when flushed (with the next sample), not when it is read', () => {
    const store = createAppStore();
    const holder = storeMeters(store);
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    const before = store.getState().meters;
    holder.set(withReading(holder.get(), 'battery', { missing: 'no battery' }));
    holder.set(withReading(holder.get(), 'gpus', { missing: 'no GPU' }));
    assert.equal(store.getState().meters, before, 'not in the store yet');
    assert.equal(updates, 0);
    assert.deepEqual(Object.keys(holder.get().missing).sort(), ['battery', 'gpus'], 'the holder reads what is pending');
    holder.flush();
    assert.equal(updates, 1, 'both readings in one update');
    assert.deepEqual(Object.keys(store.getState().meters.missing).sort(), ['battery', 'gpus']);
    holder.flush();
    assert.equal(updates, 1, 'nothing pending: no update');
    unsubscribe();
  });
});
