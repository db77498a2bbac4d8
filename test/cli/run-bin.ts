// Runs bin/pooltop as a user does, by executing the file: its #! line starts sh, whose exec starts
// node with the V8 flags of the launcher's second line. Collects what it printed and how it exited.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/pooltop', import.meta.url));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

export interface BinOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Starts `bin/pooltop ...args`; `done` settles when it has exited (SIGKILLed and rejected past the timeout). */
export function startBin(args: string[], options: BinOptions = {}): { child: Child; done: Promise<BinResult> } {
  const child = spawn(BIN, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, done: collect(child, args, options) };
}

function collect(child: Child, args: string[], options: BinOptions): Promise<BinResult> {
  return new Promise<BinResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pooltop ${args.join(' ')} did not finish in time`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function runBin(args: string[], options: BinOptions = {}): Promise<BinResult> {
  return startBin(args, options).done;
}

/**
 * bin/pooltop started by sh through its `#!` line, its stdout redirected as a user would type it
 * (`>&-` closes it, `> /dev/full` fails every write); what it printed on stderr and its status.
 */
export function runBinRedirected(args: string[], redirection: '>&-' | '> /dev/full', options: BinOptions = {}): Promise<BinResult> {
  return collect(spawn('/bin/sh', ['-c', `"$0" "$@" ${redirection}`, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }), args, options);
}
