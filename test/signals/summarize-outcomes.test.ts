import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SignalOutcome, SignalStatus } from '../../src/signals/signal-outcome.js';
import { countOutcomes, summarize } from '../../src/signals/summarize-outcomes.js';

function outcome(pid: number | null, status: SignalStatus, errno?: string): SignalOutcome {
  return { pid, signal: 'SIGSTOP', status, text: `${status} ${pid}`, identityCheck: 'exact', ...(errno ? { errno } : {}) };
}

describe('summarize', () => {
  it('counts each kind of outcome in one line', () => {
    const outcomes = [outcome(1, 'sent'), outcome(2, 'sent'), outcome(3, 'sent'), outcome(4242, 'gone', 'ESRCH')];
    assert.equal(summarize(outcomes), 'SIGSTOP: sent to 3, 1 gone (ESRCH: 4242)');
  });

  it('names the PIDs of every failure, a few at most', () => {
    const outcomes = [
      outcome(10, 'not-permitted', 'EPERM'),
      outcome(11, 'not-permitted', 'EPERM'),
      outcome(12, 'reused'),
      outcome(13, 'protected'),
      outcome(null, 'invalid'),
      outcome(14, 'failed', 'EINVAL'),
      ...[20, 21, 22, 23, 24].map((pid) => outcome(pid, 'gone', 'ESRCH')),
      outcome(25, 'gone'),
    ];
    assert.equal(
      summarize(outcomes),
      'SIGSTOP: 6 gone (20, 21, 22, 23, …), 2 not permitted (EPERM: 10, 11), ' +
        '1 refused, PID now names another process (12), 1 refused, protected (13), 1 refused, invalid, 1 failed (14)',
    );
  });

  it("gives a single outcome's own text, and says when there was nothing to do", () => {
    assert.equal(summarize([outcome(7, 'sent')]), 'sent 7');
    assert.equal(summarize([]), 'no process to signal');
    assert.equal(countOutcomes([outcome(7, 'sent')]), 'sent to 1');
  });
});
