// `npm run screenshots`: drives bin/pooltop in tmux at 120×36 through the README's scenes and
// writes each as screenshots/<nn-name>.svg (coloured) and .txt (plain), then proves that nothing
// it started is still running.
//
//   npm run screenshots                                   every scene, into screenshots/
//   npm run screenshots -- --only monitor --out /tmp/x    one scene (or a comma list) elsewhere
//   npm run screenshots -- --list                         the scene names
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startPooltop } from '../test/e2e/pooltop-session.js';
import { childrenOf, readCmdline, signalProcess, waitUntilGone, type ProcRef } from '../test/e2e/proc-table.js';
import type { TmuxSession } from '../test/e2e/tmux-session.js';
import { killDemoFamilySync, startDemoFamily, stopDemoFamily, type DemoFamily } from './screenshots/demo-family.js';
import { newRunTag, RUN_TAG_VARIABLE, taggedProcesses } from './screenshots/run-tag.js';
import { captureScreen, writeScene } from './screenshots/scene-capture.js';
import { SCENES, type Scene, type SceneContext } from './screenshots/scenes.js';

const SIZE = { columns: 120, rows: 36 };

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.list) {
  for (const scene of SCENES) console.log(`${scene.name.padEnd(12)} ${scene.file}  ${scene.caption}`);
  process.exit(0);
}

const wanted = values.only
  ? values.only
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
  : SCENES.map((s) => s.name);
const unknown = wanted.filter((name) => !SCENES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`screenshots: no scene named ${unknown.join(', ')}; the scenes are ${SCENES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const scenes = SCENES.filter((s) => wanted.includes(s.name));
const outDir = resolve(values.out ?? join(REPO_ROOT, 'screenshots'));
mkdirSync(outDir, { recursive: true });

// Everything the run starts carries the tag in its environment: tmux servers (and so the shells,
// pooltop and its workers under them) and the demo family. Only they get it, not this process.
const tag = newRunTag();
const childEnv = { [RUN_TAG_VARIABLE]: tag };
console.log(`run tag: ${tag}`);

let family: DemoFamily | null = null;
// On any way out — an error, Ctrl-C (the e2e harness turns SIGINT/SIGTERM/SIGHUP into exit and
// ends its tmux sessions) — the family goes too.
process.on('exit', () => {
  if (family) killDemoFamilySync(family);
});

const context: SceneContext = {
  cores: availableParallelism(),
  family: async () => (family ??= await startDemoFamily({ ...process.env, ...childEnv })),
};

// A scene that fails (most often: other programs kept the cores from the state it waits for) is
// reported and the others still run; the run then ends with status 1.
const failed: string[] = [];
for (const [i, scene] of scenes.entries()) {
  const started = Date.now();
  try {
    const written = await runScene(scene);
    console.log(`${scene.file}: ${written.join(', ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed.push(scene.name);
    console.error(`${scene.file}: FAILED: ${(error as Error).message}`);
  }
  // The family would only clutter the later scenes' process lists.
  if (!scenes.slice(i + 1).some((s) => s.usesFamily)) await endFamily();
}
await endFamily();

// The proof: nothing that carries the tag is left. Should anything be, it is ours: end it, and fail.
const left = taggedProcesses(tag);
if (left.length > 0) {
  console.error(`screenshots: LEFT RUNNING after the run (now SIGKILLed):\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`);
  for (const p of left) signalProcess(p, 'SIGKILL');
  await waitUntilGone(left, 2000);
  process.exit(1);
}
if (failed.length > 0) {
  console.error(`screenshots: ${failed.length} of ${scenes.length} scene(s) failed (${failed.join(', ')}); nothing left running`);
  process.exit(1);
}
console.log(`nothing left running; ${scenes.length} scene(s) in ${outDir}`);
process.exit(0);

/** Starts pooltop, reaches the scene, writes it, quits with q; every process of the session must end by itself. */
async function runScene(scene: Scene): Promise<string[]> {
  const session = await startPooltop(scene.args(context), { ...SIZE, env: childEnv, label: `shots-${scene.name}` });
  let workers: ProcRef[] = [];
  let written: string[] = [];
  let failure: unknown = null;
  try {
    const pooltop = await session.programProcess();
    await scene.reach(session, context);
    const files = writeScene(outDir, scene.file, await captureScreen(session), SIZE, `pooltop — ${scene.caption}`);
    written = [files.svg, files.txt].map((p) => p.slice(outDir.length + 1));
    workers = childrenOf(pooltop.pid).filter((p) => readCmdline(p.pid).startsWith('pooltop-worker'));
    await quit(session, scene);
    const outliving = await waitUntilGone(workers, 3000);
    if (outliving.length > 0) throw new Error(`pooltop's workers ${outliving.map((w) => w.pid).join(', ')} outlived q`);
  } catch (error) {
    failure = error;
  }
  // Ends the tmux server; anything of the session still there 3 s later is SIGKILLed and listed.
  const stubborn = await session.kill();
  for (const w of workers) signalProcess(w, 'SIGKILL');
  if (failure) throw failure;
  if (stubborn.length > 0) throw new Error(`needed SIGKILL after the session ended: ${stubborn.map((p) => `${p.pid} ${readCmdline(p.pid)}`).join(', ')}`);
  return written;
}

/** Ends the demo family, if it runs; SIGTERM should do, SIGKILL is reported. */
async function endFamily(): Promise<void> {
  if (!family) return;
  const stubborn = await stopDemoFamily(family);
  family = null;
  if (stubborn.length > 0) console.error(`the demo family needed SIGKILL: ${stubborn.map((p) => p.pid).join(', ')}`);
}

/** Leaves the scene's menu or panel, then q: pooltop must exit with status 0. */
async function quit(session: TmuxSession, scene: Scene): Promise<void> {
  await scene.leave?.(session);
  await session.sendKeys('q');
  const status = await session.waitForExit(5000);
  if (status !== 0) throw new Error(`pooltop exited with status ${status} on q`);
}
