import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { info, sample } from '../model/fixtures.js';

function store() {
  const st = createAppStore({ sortKey: 'pid' });
  st.getState().applySample(sample([4, 42, 424, 4242, 7].map((pid) => info(pid))));
  return st;
}

describe("typing a PID (htop's Numbers)", () => {
  it('selects the row of the PID the digits spell so far, at each digit', () => {
    const st = store();
    const at: (number | null)[] = [];
    for (const digit of '4242') {
      st.getState().typePidDigit(digit);
      at.push(st.getState().cursor.pid);
    }
    assert.deepEqual(at, [4, 42, 424, 4242]);
    assert.match(st.getState().message?.text ?? '', /PID 4242 selected/);
  });

  it('keeps the selection and says so when no row has the PID', () => {
    const st = store();
    st.getState().selectPid(7);
    st.getState().typePidDigit('9');
    assert.equal(st.getState().cursor.pid, 7);
    assert.match(st.getState().message?.text ?? '', /no row shows PID 9/);
  });

  it("starts over after any other key, and past htop's limit", () => {
    const st = store();
    st.getState().typePidDigit('4');
    st.getState().typePidDigit('2');
    st.getState().resetPidTyped();
    st.getState().typePidDigit('7');
    assert.equal(st.getState().cursor.pid, 7);
    st.getState().resetPidTyped();
    for (const digit of '1234567') st.getState().typePidDigit(digit);
    assert.equal(st.getState().pidTyped, '1234567');
    st.getState().typePidDigit('4');
    assert.equal(st.getState().pidTyped, '4');
    assert.equal(st.getState().cursor.pid, 4);
  });
});
