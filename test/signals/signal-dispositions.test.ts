import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortDisposition } from '../../src/model/short-disposition.js';
import { describeDispositions } from '../../src/signals/signal-dispositions.js';

describe('describeDispositions', () => {
  const all = describeDispositions({ caught: [15], ignored: [2], blocked: [10], pending: [10] });
  const of = (name: string) => all.find((d) => d.name === name)!;

  it('names each of signals 1–31 once, in order', () => {
    assert.equal(all[0]!.name, 'SIGHUP');
    assert.deepEqual(
      all.map((d) => d.number),
      [...all.map((d) => d.number)].sort((a, b) => a - b),
    );
    assert.equal(new Set(all.map((d) => d.number)).size, all.length);
    assert.ok(all.length >= 30);
  });

  it('says what a caught, ignored, blocked and pending signal means', () => {
    assert.equal(of('SIGTERM').text, 'SIGTERM: caught — it will run its handler, and may not exit');
    assert.equal(of('SIGINT').text, 'SIGINT: ignored — sending it does nothing');
    assert.equal(of('SIGUSR1').text, 'SIGUSR1: default — ends it; blocked: held until the process unblocks it; pending: sent, not yet delivered');
    assert.equal(of('SIGHUP').text, 'SIGHUP: default — ends it');
    assert.equal(of('SIGCHLD').text, 'SIGCHLD: default — does nothing');
  });

  it('never calls SIGKILL or SIGSTOP caught, whatever the masks say', () => {
    const odd = describeDispositions({ caught: [9, 19], ignored: [9], blocked: [19], pending: [] });
    for (const name of ['SIGKILL', 'SIGSTOP']) {
      const d = odd.find((x) => x.name === name)!;
      assert.equal(d.disposition, 'uncatchable');
      assert.match(d.text, /can never be caught, blocked or ignored/);
    }
  });

  it('gives the signal menu a short word, empty for the default', () => {
    assert.equal(shortDisposition(all, 'SIGTERM'), 'caught');
    assert.equal(shortDisposition(all, 'SIGINT'), 'ignored');
    assert.equal(shortDisposition(all, 'SIGUSR1'), 'blocked, pending');
    assert.equal(shortDisposition(all, 'SIGHUP'), '');
  });
});
