// Runs bin/pooltop as a user does, by executing the file: its #! line starts sh, whose exec starts
// node with the V8 flags of the launcher's second line. Collects what it printed and how it exited.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/pooltop', import.meta.url));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Starts `bin/pooltop ...args`; `done` settles when it has exited (SIGKILLed and rejected past the timeout). */
export function startBin(args: string[], options: BinOptions = {}): { child: ChildProcess; done: Promise<BinResult> } {
  const child = spawn(BIN, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<BinResult>((resolve, reject) => {
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
  return { child, done };
}

export function runBin(args: string[], options: BinOptions = {}): Promise<BinResult> {
  return startBin(args, options).done;
}
