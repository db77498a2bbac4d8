import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchSettingsChanges } from '../../src/cli/settings-changes.js';
import { createAppStore } from '../../src/store/app-store.js';
import { GRAPH_SPANS } from '../../src/model/graph-settings.js';
import { bindingFor } from '../../src/ui/key-table.js';
import type { ActionContext } from '../../src/ui/action-context.js';
import { info, sample } from '../model/fixtures.js';

function press(store: ReturnType<typeof createAppStore>, key: string): void {
  bindingFor(key)!.run({ store } as unknown as ActionContext);
}

describe('history slice', () => {
  it('records every sample the table takes, in the same store update', () => {
    const store = createAppStore();
    let updates = 0;
    store.subscribe(() => updates++);
    store.getState().applySample(sample([info(1)], { monotonic: 0 }));
    store.getState().applySample(sample([info(1)], { monotonic: 1000 }));
    assert.equal(updates, 2);
    const { history } = store.getState();
    assert.equal(history.cpu.length, 1, 'the first sample has no CPU interval behind it');
    assert.equal(history.memory.length, 2);
    assert.equal(history.now, 1000);
  });

  it('G switches the CPU meters between bar and graph, g the panel', () => {
    const store = createAppStore();
    press(store, 'G');
    assert.equal(store.getState().graphs.cpuMeter, 'graph');
    press(store, 'G');
    assert.equal(store.getState().graphs.cpuMeter, 'bar');
    press(store, 'g');
    assert.equal(store.getState().graphs.panel, true);
  });

  it('{ and } step through the spans, and say so at either end', () => {
    const store = createAppStore({ graphs: { spanSeconds: 60 } });
    press(store, '}');
    assert.equal(store.getState().graphs.spanSeconds, 120);
    for (let i = 0; i < GRAPH_SPANS.length; i++) press(store, '}');
    assert.equal(store.getState().graphs.spanSeconds, 600);
    assert.match(store.getState().message?.text ?? '', /last 10 min: the longest span/);
    for (let i = 0; i < GRAPH_SPANS.length + 1; i++) press(store, '{');
    assert.equal(store.getState().graphs.spanSeconds, 30);
    assert.match(store.getState().message?.text ?? '', /last 30 s: the shortest span/);
  });

  it('saves what the graph keys changed, and nothing else', () => {
    const store = createAppStore({ graphs: { style: 'block' } });
    const changes = watchSettingsChanges(store);
    press(store, 'g');
    press(store, '}');
    changes.stop();
    assert.deepEqual(changes.values(), { graphsPanel: true, graphSpan: 120 });
  });

  it("keeps each process's CPU history only while the CPU graph column is shown or sorted by, and sorts by its mean", () => {
    const store = createAppStore();
    // Two processes: 1 steady at 40 %, 2 idle then at a full core; 10 ms ticks, 1 s apart.
    const at = (t: number, second: number) => sample([info(1, { cpuTime: t * 0.4 }), info(2, { cpuTime: second })], { monotonic: t * 1000 });
    store.getState().applySample(at(0, 0));
    store.getState().applySample(at(1, 0));
    assert.equal(store.getState().processCpu.size, 0, 'nothing kept while the column is off');
    store.getState().setColumns(['pid', 'cpugraph', 'command']);
    store.getState().setSort('cpugraph');
    store.getState().applySample(at(2, 0));
    store.getState().applySample(at(3, 1));
    const { rows, visible, processCpu } = store.getState();
    assert.equal(processCpu.size, 2);
    assert.deepEqual(
      rows.map((r) => [r.pid, r.cpuTrend?.count, Math.round(r.cpuTrend!.mean)]),
      [
        [1, 2, 40],
        [2, 2, 50],
      ],
    );
    assert.deepEqual(
      visible.map((r) => r.pid),
      [2, 1],
      'by the mean, most first',
    );
    store.getState().setColumns(['pid', 'command']);
    store.getState().setSort('pid');
    store.getState().applySample(at(4, 1));
    assert.equal(store.getState().processCpu.size, 0, 'let go once neither shown nor sorted by');
  });
});
