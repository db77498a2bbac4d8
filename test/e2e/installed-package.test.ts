// pooltop as a user gets it: `npm pack`, the tarball installed into an empty folder (its
// dependencies from the registry), then --version, snapshot --json and the monitor in tmux, all
// run from that folder. The folder goes afterwards.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { hasMainScreen } from './monitor-screen.js';
import { REPO_ROOT } from './pooltop-session.js';
import { TmuxSession } from './tmux-session.js';

const run = promisify(execFile);

interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

/**
 * The environment without what an enclosing `npm test` exports: npm_config_local_prefix and the
 * like would send the inner npm to this repository instead of the empty folder.
 */
function withoutNpmVariables(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const env = withoutNpmVariables();

describe('the package, packed and installed', () => {
  let dir = '';
  let app = '';
  let bin = '';
  let files: PackedFile[] = [];
  let session: TmuxSession | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pooltop-package-'));
    // dist/ as the test run built it: packing without scripts does not rebuild it under the other tests.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, env });
    const [report] = JSON.parse(packed.stdout) as Array<{ filename: string; files: PackedFile[] }>;
    assert.ok(report, `npm pack reported: ${packed.stdout}`);
    files = report.files;
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "private": true }\n');
    await run('npm', ['install', '--no-audit', '--no-fund', join(dir, report.filename)], { cwd: app, env, timeout: 100_000 });
    bin = join(app, 'node_modules', '.bin', 'pooltop');
  });

  after(async () => {
    await session?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the command, the build, the UI bundle with its source map, README and LICENSE, and nothing else', () => {
    const paths = files.map((f) => f.path);
    for (const path of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/pooltop',
      'dist/cli.js',
      'dist/pool/worker.cjs',
      'dist/ui/ui-bundle.js',
      'dist/ui/ui-bundle.js.map',
    ]) {
      assert.ok(paths.includes(path), `the package has ${path}`);
    }
    const stray = paths.filter((p) => !/^(bin|dist)\//.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
    assert.deepEqual(stray, [], 'nothing outside bin/ and dist/ but package.json, README.md and LICENSE');
    assert.deepEqual(
      paths.filter((p) => /readme|markdown/i.test(p) && p !== 'README.md'),
      [],
      'no README tooling in dist/',
    );
    const launcher = files.find((f) => f.path === 'bin/pooltop');
    assert.equal((launcher?.mode ?? 0) & 0o111, 0o111, 'bin/pooltop is packed executable');
  });

  it('installs without the build tools', () => {
    for (const tool of ['esbuild', 'tsx', 'typescript']) {
      assert.equal(existsSync(join(app, 'node_modules', tool)), false, `${tool} is not installed`);
    }
  });

  it('prints its version', async () => {
    const { stdout } = await run(bin, ['--version'], { cwd: app, env });
    assert.equal(stdout, `pooltop ${version}\n`);
  });

  it('prints a snapshot as JSON', async () => {
    const { stdout } = await run(bin, ['snapshot', '--json'], { cwd: app, env, maxBuffer: 64 << 20 });
    const snapshot = JSON.parse(stdout) as { processes: Array<{ pid: number; command: string }> };
    const self = snapshot.processes.filter((p) => p.command.endsWith(`${bin} snapshot --json`));
    assert.equal(self.length, 1, `the snapshot lists itself, run from the installed package: ${JSON.stringify(self)}`);
  });

  it('starts the monitor in a terminal and quits on q', async () => {
    session = await TmuxSession.start({ command: [bin], cwd: app, label: 'installed' });
    await session.waitFor(hasMainScreen, { timeoutMs: 15_000, description: "the installed pooltop's first full screen" });
    await session.sendKeys('q');
    assert.equal(await session.waitForExit(), 0);
  });
});
