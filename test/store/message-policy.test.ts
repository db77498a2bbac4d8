import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRESH_MESSAGE_MS, mergeNews } from '../../src/store/message-policy.js';
import type { Message } from '../../src/store/messages-slice.js';

const NEWS = 'PID 2 exited; selection moved to PID 3';

describe('news of the selection on the message line', () => {
  it('is the message when there is none', () => {
    assert.deepEqual(mergeNews(null, NEWS, 5000), { text: NEWS, level: 'info', at: 5000 });
  });

  it('is added to a fresh warning, which keeps its level and its time', () => {
    const warning: Message = { text: 'worker 1 (PID 2) was killed by SIGKILL', level: 'warn', at: 1000 };
    assert.deepEqual(mergeNews(warning, NEWS, 1000 + FRESH_MESSAGE_MS - 1), {
      text: `worker 1 (PID 2) was killed by SIGKILL; ${NEWS}`,
      level: 'warn',
      at: 1000,
      base: 'worker 1 (PID 2) was killed by SIGKILL',
    });
  });

  it("is added to a signal's fresh result, even an info one", () => {
    const sent: Message = { text: 'sent SIGTERM (15) to 2 sleep 30', level: 'info', at: 1000, kind: 'signal' };
    assert.equal(mergeNews(sent, NEWS, 2000).text, `sent SIGTERM (15) to 2 sleep 30; ${NEWS}`);
  });

  it('replaces what was added before, so news never piles up', () => {
    const error: Message = { text: 'pool: EMFILE', level: 'error', at: 1000 };
    const once = mergeNews(error, 'PID 2 exited; selection moved to PID 3', 1500);
    assert.equal(mergeNews(once, 'PID 3 exited; selection moved to PID 4', 2000).text, 'pool: EMFILE; PID 3 exited; selection moved to PID 4');
  });

  it('takes the place of an info note, and of a warning no longer fresh', () => {
    const note: Message = { text: '2 tagged', level: 'info', at: 1000 };
    assert.deepEqual(mergeNews(note, NEWS, 1001), { text: NEWS, level: 'info', at: 1001 });
    const old: Message = { text: 'no process matches "x"', level: 'warn', at: 1000 };
    assert.deepEqual(mergeNews(old, NEWS, 1000 + FRESH_MESSAGE_MS), { text: NEWS, level: 'info', at: 1000 + FRESH_MESSAGE_MS });
  });
});
