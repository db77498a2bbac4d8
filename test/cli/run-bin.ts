// Runs bin/pooltop as a user would and collects what it printed and how it exited.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/pooltop', import.meta.url));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<BinResult> {
  return collect(spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] }), args, options);
}

/**
 * bin/pooltop started by sh through its `#!` line, its stdout redirected as a user would type it
 * (`>&-` closes it, `> /dev/full` fails every write); what it printed on stderr and its status.
 */
export function runBinRedirected(args: string[], redirection: '>&-' | '> /dev/full', options: { timeoutMs?: number } = {}): Promise<BinResult> {
  return collect(spawn('/bin/sh', ['-c', `"$0" "$@" ${redirection}`, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }), args, options);
}

function collect(child: ChildProcessByStdio<null, Readable, Readable>, args: string[], options: { timeoutMs?: number }): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pooltop ${args.join(' ')} did not finish in time`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
