import assert from 'node:assert/strict';
import { constants } from 'node:os';
import { describe, it } from 'node:test';
import { lookupSignal, SIGNALS, signalLabel } from '../../src/signals/signal-table.js';

const platform = constants.signals as Record<string, number | undefined>;

describe('signal table', () => {
  it("uses the platform's numbers and lists every required signal it has", () => {
    for (const signal of SIGNALS) assert.equal(signal.number, platform[signal.name], signal.name);
    const names = SIGNALS.map((signal) => signal.name);
    for (const name of ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGCONT', 'SIGSTOP', 'SIGTSTP']) {
      if (platform[name] !== undefined) assert.ok(names.includes(name), name);
    }
  });

  it('is ordered by number, with no duplicates', () => {
    const numbers = SIGNALS.map((signal) => signal.number);
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
    );
    assert.equal(new Set(numbers).size, numbers.length);
  });

  it('gives each signal a one-line meaning', () => {
    for (const signal of SIGNALS) {
      assert.ok(signal.meaning.length > 5 && signal.meaning.length <= 45, `${signal.name}: short enough to show whole in the menu`);
      assert.ok(!/[\n\r\t]/.test(signal.meaning), signal.name);
    }
    assert.equal(lookupSignal('SIGKILL')?.meaning, 'terminate now; cannot be caught or ignored');
    assert.equal(lookupSignal('SIGTERM')?.meaning, 'ask to terminate; can be caught');
  });

  it('marks as destructive the signals whose default action ends the process', () => {
    for (const name of ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGABRT', 'SIGUSR1']) {
      assert.equal(lookupSignal(name)?.destructive, true, name);
    }
    for (const name of ['SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGWINCH']) {
      assert.equal(lookupSignal(name)?.destructive, false, name);
    }
    assert.equal(lookupSignal('SIGKILL')?.catchable, false);
    assert.equal(lookupSignal('SIGSTOP')?.catchable, false);
    assert.equal(lookupSignal('SIGTERM')?.catchable, true);
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(SIGNALS));
    assert.ok(SIGNALS.every((signal) => Object.isFrozen(signal)));
  });

  it('looks a signal up by number or name in any case, with or without SIG', () => {
    const kill = lookupSignal('SIGKILL');
    assert.equal(kill?.number, constants.signals.SIGKILL);
    for (const spec of [constants.signals.SIGKILL, String(constants.signals.SIGKILL), 'KILL', 'SIGKILL', 'sigkill', 'kill', 'SigKill']) {
      assert.equal(lookupSignal(spec), kill, String(spec));
    }
    assert.equal(kill && lookupSignal(kill), kill);
    assert.equal(lookupSignal(15)?.name, 'SIGTERM');
    assert.equal(lookupSignal('cont')?.name, 'SIGCONT');
  });

  it('finds nothing for what is not in the table', () => {
    const rejected: unknown[] = [
      0,
      '0',
      -9,
      '-9',
      9.5,
      '9.0',
      ' 9',
      '9 ',
      'SIGFOO',
      'SIG',
      '',
      'KILL; rm -rf /',
      'ſigkill',
      'sıgkıll',
      Number.NaN,
      null,
      undefined,
      {},
      { name: 'SIGKILL', number: 9 },
      ['SIGKILL'],
      9n,
      true,
      '0x9',
      '1e1',
    ];
    for (const spec of rejected) assert.equal(lookupSignal(spec), undefined, String(spec));
  });

  it('labels a signal with its name and number', () => {
    const term = lookupSignal('TERM');
    assert.ok(term);
    assert.equal(signalLabel(term), `SIGTERM (${constants.signals.SIGTERM})`);
  });
});
