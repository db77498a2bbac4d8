import './force-color.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAppStore } from '../../src/store/app-store.js';
import { Header } from '../../src/ui/header.js';
import { computeLayout } from '../../src/ui/layout.js';
import { info, sample } from '../model/fixtures.js';
import { plain, renderWithStore } from './render-with-store.js';
import { waitForFrame } from './wait-for-frame.js';

function cores(n: number) {
  return Array.from({ length: n }, (_, i) => ({ user: 10 * (i % 10), system: 5, nice: 0, idle: 85 - 10 * (i % 10) }));
}

describe('Header', () => {
  for (const n of [1, 2, 4, 8]) {
    it(`draws one meter per core for ${n} cores, then Mem and Swp`, async () => {
      const store = createAppStore();
      store.getState().applySample(sample([info(1)], { cpus: cores(n) }));
      const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(100, 40, n)} />, store);
      const lines = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n');
      for (let i = 0; i < n; i++) assert.ok(lines[i]?.includes(`${i}[`), `core ${i} on line ${i}: ${lines[i]}`);
      assert.match(lines[n] ?? '', /Mem\[.*\/8G\]/);
      assert.match(lines[n + 1] ?? '', /Swp\[/);
      assert.match(plain(lastFrame()), /Tasks: 1, 1 thr/);
      assert.match(plain(lastFrame()), /Load average: 0\.50 0\.40 0\.30/);
      assert.match(plain(lastFrame()), /Uptime: 01:00:00/);
      unmount();
    });
  }

  it('shows each core percentage and fills the bar in proportion', async () => {
    const store = createAppStore();
    store.getState().applySample(
      sample([info(1)], {
        cpus: [
          { user: 50, system: 0, nice: 0, idle: 50 },
          { user: 0, system: 0, nice: 0, idle: 100 },
        ],
      }),
    );
    const { lastFrame, unmount } = renderWithStore(<Header layout={computeLayout(100, 40, 2)} />, store);
    const [busy, idle] = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n');
    assert.match(busy ?? '', /50\.0%\]/);
    assert.match(idle ?? '', /0\.0%\]/);
    const bars = (line: string) => (line.match(/\|/g) ?? []).length;
    assert.ok(bars(busy ?? '') > 15 && bars(idle ?? '') === 0, `bars: ${bars(busy ?? '')} busy, ${bars(idle ?? '')} idle`);
    unmount();
  });

  it('lays 16 cores out in two columns of meters', async () => {
    const store = createAppStore();
    store.getState().applySample(sample([info(1)], { cpus: cores(16) }));
    const layout = computeLayout(120, 40, 16);
    assert.equal(layout.meterColumns, 2);
    const { lastFrame, unmount } = renderWithStore(<Header layout={layout} />, store);
    const first = plain(await waitForFrame(lastFrame, /Swp\[/)).split('\n')[0] ?? '';
    assert.match(first, /0\[.*8\[/);
    unmount();
  });
});
