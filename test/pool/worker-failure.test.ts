// How a failed worker is told: the status or signal, the line of stderr that says why, fork's errno.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitText, spawnErrorText } from '../../src/pool/worker-failure.js';

const SYNTAX_ERROR = `/app/dist/pool/worker-entry.js:1
syntax error here(
       ^^^^^

SyntaxError: Unexpected identifier 'error'
    at internalCompileFunction (node:internal/vm:76:18)
    at wrapSafe (node:internal/modules/cjs/loader:1283:20)

Node.js v20.20.2
`;

const OUT_OF_MEMORY = `<--- Last few GCs --->

[21846:0x20e1c190]       83 ms: Scavenge 4.5 (5.7) -> 4.2 (6.2) MB, 1.11 / 0.00 ms  task;

FATAL ERROR: MarkCompactCollector: young object promotion failed Allocation failed - JavaScript heap out of memory
----- Native stack trace -----

 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]
 2: 0xee8300 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, v8::OOMDetails const&) [node]
`;

describe('worker failure texts', () => {
  it('names the status or signal, and the error line of a crash, not its stack or Node’s version', () => {
    assert.equal(exitText(3, null, 'boom: cannot start\n'), 'exited with status 3: boom: cannot start');
    assert.equal(exitText(null, 'SIGKILL', ''), 'was killed by SIGKILL');
    assert.equal(exitText(1, null, SYNTAX_ERROR), "exited with status 1: SyntaxError: Unexpected identifier 'error'");
    assert.match(exitText(null, 'SIGTRAP', OUT_OF_MEMORY), /^was killed by SIGTRAP: FATAL ERROR: MarkCompactCollector/);
    assert.ok(exitText(1, null, `Error: ${'x'.repeat(500)}`).length < 200, 'a long line is cut');
  });

  it('says what fork’s errno means, keeping the errno', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`spawn /usr/bin/setpriv ${code}`), { code });
    assert.equal(spawnErrorText(error('EMFILE')), 'pooltop has as many files open as its limit allows (ulimit -n) (EMFILE)');
    assert.equal(spawnErrorText(error('EAGAIN')), 'too many processes (ulimit -u) or not enough memory (EAGAIN)');
    assert.equal(spawnErrorText(error('EWHATEVER')), 'spawn /usr/bin/setpriv EWHATEVER');
    assert.equal(spawnErrorText('odd'), 'odd');
  });
});
