import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { familyProblem, renderExposition } from '../../src/model/metrics-exposition.js';
import { COMMAND_LABEL_LIMIT, processFamilies } from '../../src/model/process-metrics.js';
import { row } from './fixtures.js';

describe('processFamilies', () => {
  it('labels each chosen process with PID, name and user; the command line only on the info series', () => {
    const families = processFamilies({
      chosen: [row(42, { name: 'node', user: 'ann', cpuTime: 12.5, rss: 4096, vsz: 8192, threads: 7, startTime: 1_700_000_000_500 })],
      matching: 9,
    });
    for (const f of families) assert.equal(familyProblem(f), null, f.name);
    const text = renderExposition(families, 'prometheus');
    assert.match(text, /^pooltop_processes_matching 9$/m);
    assert.match(text, /^pooltop_process_cpu_seconds_total\{pid="42",name="node",user="ann"\} 12\.5$/m);
    assert.match(text, /^pooltop_process_resident_memory_bytes\{pid="42",name="node",user="ann"\} 4096$/m);
    assert.match(text, /^pooltop_process_threads\{pid="42",name="node",user="ann"\} 7$/m);
    assert.match(text, /^pooltop_process_start_time_seconds\{pid="42",name="node",user="ann"\} 1700000000\.5$/m);
    assert.match(text, /^pooltop_process_info\{pid="42",name="node",user="ann",command="\/usr\/bin\/p42"\} 1$/m);
  });

  it('makes hostile names harmless and escapes what the format must', () => {
    const hostile = row(7, { name: 'a"b\\c\nd', command: 'x\u001b]0;owned\u0007 \u202e"q"' });
    const text = renderExposition(processFamilies({ chosen: [hostile], matching: 1 }), 'openmetrics');
    assert.match(text, /name="a\\"b\\\\c\^Jd"/);
    assert.match(text, /command="x\^\[\]0;owned\^G <U\+202E>\\"q\\""/);
    // Nothing left that a terminal acts on, when someone curls it.
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('cuts a long command line in its label', () => {
    const long = row(8, { command: `${'é'.repeat(COMMAND_LABEL_LIMIT)}TAIL` });
    const info = processFamilies({ chosen: [long], matching: 1 }).find((f) => f.name === 'pooltop_process');
    assert.equal(info?.samples[0]?.labels?.command, 'é'.repeat(COMMAND_LABEL_LIMIT));
  });

  it('leaves out a CPU time or start time the source does not know', () => {
    const families = processFamilies({ chosen: [row(9, { cpuTime: -1, startTime: 0 })], matching: 1 });
    assert.equal(families.find((f) => f.name === 'pooltop_process_cpu_seconds')?.samples.length, 0);
    assert.equal(families.find((f) => f.name === 'pooltop_process_start_time_seconds')?.samples.length, 0);
  });
});
