// The batch commands (`pooltop primes`, `pooltop sumsq`) as their tests run them: in-process with
// captured output, and the one shape every usage error must have (one line, status 2, its
// command's name first, no escape sequence echoed back).
import assert from 'node:assert/strict';
import { PassThrough, type Writable } from 'node:stream';
import { it } from 'node:test';

type BatchCommand = (argv: string[], io: { stdout: Writable; stderr: Writable }) => Promise<number>;

/** Runs the command in this process, its output captured. */
export async function runCaptured(command: BatchCommand, argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const status = await command(argv, { stdout, stderr });
  return { status, out, err };
}

/** One test per bad argument list: refused in one line `pooltop NAME: …` matching its pattern, status 2. */
export function itRejectsUsage(name: string, command: BatchCommand, bad: ReadonlyArray<[string[], RegExp]>): void {
  const prefix = `pooltop ${name}: `;
  for (const [argv, expected] of bad) {
    it(`rejects ${JSON.stringify(argv)} with one line and status 2`, async () => {
      const { status, out, err } = await runCaptured(command, argv);
      assert.equal(status, 2);
      assert.equal(out, '');
      assert.ok(err.endsWith('\n') && err.split('\n').length === 2, `one line: ${JSON.stringify(err)}`);
      assert.ok(err.startsWith(prefix));
      assert.match(err.slice(prefix.length, -1), expected);
      assert.doesNotMatch(err, /\u001b|\u0007/);
    });
  }
}
