import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMeter,
  DEFAULT_HEADER_LAYOUT,
  MAX_PLACED_METERS,
  METER_IDS,
  METERS,
  moveMeter,
  nextMode,
  parseHeaderLayout,
  placesOf,
  removeMeter,
  setColumnCount,
  type HeaderLayout,
} from '../../src/model/header-layout.js';

const ids = (layout: HeaderLayout) => layout.columns.map((c) => c.map((m) => m.meter));

describe('the header layout', () => {
  it('reads back what it would write, the default and one of every meter in every mode it has', () => {
    assert.deepEqual(parseHeaderLayout(JSON.parse(JSON.stringify(DEFAULT_HEADER_LAYOUT))), DEFAULT_HEADER_LAYOUT);
    const all: HeaderLayout = { columns: [METER_IDS.flatMap((meter) => METERS[meter].modes.map((mode) => ({ meter, mode })))] };
    assert.deepEqual(parseHeaderLayout(all), all);
    const four = { columns: [[], [{ meter: 'clock', mode: 'text' }], [], [{ meter: 'swap', mode: 'graph' }]] };
    assert.deepEqual(parseHeaderLayout(four), four);
  });

  it('refuses as a whole anything else: wrong types, no or five columns, huge lists, unknown meters, a mode a meter lacks', () => {
    const meter = { meter: 'memory', mode: 'bar' };
    const hostile: [string, unknown][] = [
      ['null', null],
      ['a string', 'cpus,memory'],
      ['an array', [[meter]]],
      ['no columns member', { cols: [[meter]] }],
      ['columns not an array', { columns: { 0: [meter] } }],
      ['no columns', { columns: [] }],
      ['five columns', { columns: [[], [], [], [], [meter]] }],
      ['a column not an array', { columns: [meter] }],
      ['a column of strings', { columns: [['memory']] }],
      ['a null meter', { columns: [[null]] }],
      ['an unknown meter', { columns: [[meter, { meter: 'cpu-temperature-of-mars', mode: 'text' }]] }],
      ['a meter name from the prototype', { columns: [[{ meter: 'constructor', mode: 'text' }]] }],
      ['a mode the meter lacks', { columns: [[{ meter: 'clock', mode: 'graph' }]] }],
      ['htop’s LED mode', { columns: [[{ meter: 'memory', mode: 'led' }]] }],
      ['a mode of the wrong type', { columns: [[{ meter: 'memory', mode: 1 }]] }],
      ['no mode', { columns: [[{ meter: 'memory' }]] }],
      ['too many meters', { columns: [Array.from({ length: MAX_PLACED_METERS + 1 }, () => meter)] }],
      ['a huge list spread over columns', { columns: [Array(40).fill(meter), Array(40).fill(meter)] }],
      ['a million entries', { columns: [Array(1_000_000).fill(0)] }],
    ];
    for (const [what, value] of hostile) assert.equal(parseHeaderLayout(value), undefined, what);
  });

  it('takes extra members of an entry without keeping them', () => {
    assert.deepEqual(parseHeaderLayout({ columns: [[{ meter: 'load', mode: 'text', colour: 'red' }]] }), { columns: [[{ meter: 'load', mode: 'text' }]] });
  });

  it('keeps every meter when columns are taken away, and adds empty ones', () => {
    const one = setColumnCount(DEFAULT_HEADER_LAYOUT, 1);
    assert.deepEqual(ids(one), [[...ids(DEFAULT_HEADER_LAYOUT)[0]!, ...ids(DEFAULT_HEADER_LAYOUT)[1]!]]);
    assert.deepEqual(ids(setColumnCount(one, 4)), [ids(one)[0], [], [], []]);
    assert.equal(setColumnCount(one, 9).columns.length, 4);
    assert.equal(setColumnCount(one, 0).columns.length, 1);
  });

  it('adds, removes, and cycles a meter through its modes', () => {
    const added = addMeter(DEFAULT_HEADER_LAYOUT, 'clock', 1);
    assert.deepEqual(added.columns[1]!.at(-1), { meter: 'clock', mode: 'text' });
    assert.deepEqual(addMeter(DEFAULT_HEADER_LAYOUT, 'hostname', 7).columns[1]!.at(-1)?.meter, 'hostname', 'past the last column: the last');
    const place = { column: 0, index: 1 };
    const modes = [1, 2, 3].map((n) => {
      let layout: HeaderLayout = DEFAULT_HEADER_LAYOUT;
      for (let i = 0; i < n; i++) layout = nextMode(layout, place);
      return layout.columns[0]![1]!.mode;
    });
    assert.deepEqual(modes, ['text', 'graph', 'bar']);
    assert.equal(nextMode(DEFAULT_HEADER_LAYOUT, { column: 1, index: 0 }).columns[1]![0]!.mode, 'text', 'one mode: stays');
    assert.deepEqual(ids(removeMeter(DEFAULT_HEADER_LAYOUT, place))[0], ['cpus', 'swap']);
    assert.deepEqual(DEFAULT_HEADER_LAYOUT.columns[0]!.length, 3, 'the edits never change the layout they are given');
  });

  it('moves a meter up and down in reading order, across columns, and not past either end', () => {
    const down = moveMeter(DEFAULT_HEADER_LAYOUT, { column: 0, index: 2 }, 1);
    assert.deepEqual(down.place, { column: 1, index: 0 });
    assert.deepEqual(ids(down.layout)[1]!.slice(0, 2), ['swap', 'tasks']);
    const up = moveMeter(down.layout, down.place, -1);
    assert.deepEqual(up, { layout: DEFAULT_HEADER_LAYOUT, place: { column: 0, index: 2 } });
    assert.equal(moveMeter(DEFAULT_HEADER_LAYOUT, { column: 0, index: 0 }, -1).layout, DEFAULT_HEADER_LAYOUT);
    const last = placesOf(DEFAULT_HEADER_LAYOUT).at(-1)!;
    assert.equal(moveMeter(DEFAULT_HEADER_LAYOUT, last, 1).layout, DEFAULT_HEADER_LAYOUT);
  });
});
