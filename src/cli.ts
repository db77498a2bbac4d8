// pooltop's entry point: parse the command line, run the chosen mode, exit with its status.
// Heavy modules (Ink, React, systeminformation) load only in the modes that need them, and
// `pooltop --version` loads nothing but this file and the version's: the option parser and the
// help texts pull in the column registry, the sampler's types and /proc readers (35 modules).
import { UsageError } from './cli/usage-error.js';
import { version } from './cli/version.js';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`pooltop ${version()}\n`);
    return 0;
  }
  const { parseCommand } = await import('./cli/parse-options.js');
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'help': {
      const { MONITOR_HELP, RECORD_HELP, REPLAY_HELP, RUN_HELP, SERVE_HELP, SNAPSHOT_HELP } = await import('./cli/help-text.js');
      process.stdout.write(
        { monitor: MONITOR_HELP, snapshot: SNAPSHOT_HELP, serve: SERVE_HELP, record: RECORD_HELP, replay: REPLAY_HELP, run: RUN_HELP }[command.text],
      );
      return 0;
    }
    case 'version':
      process.stdout.write(`pooltop ${version()}\n`);
      return 0;
    case 'snapshot': {
      const { runSnapshot } = await import('./cli/snapshot.js');
      return runSnapshot(command.options, process.stdout);
    }
    case 'serve': {
      const { runServe } = await import('./cli/serve.js');
      return runServe(command.options, process.stderr);
    }
    case 'record': {
      const { runRecord } = await import('./cli/record.js');
      return runRecord(command.options, process.stderr);
    }
    case 'replay': {
      const { runReplay } = await import('./cli/replay.js');
      return runReplay(command.options);
    }
    case 'primes': {
      const { runPrimesCommand } = await import('./cli/primes-command.js');
      return runPrimesCommand(command.argv, process);
    }
    case 'sumsq': {
      const { runSumsqCommand } = await import('./cli/sumsq-command.js');
      return runSumsqCommand(command.argv, process);
    }
    case 'monitor': {
      const { runInteractive } = await import('./cli/interactive.js');
      return runInteractive(command.options);
    }
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => outputFailed(error));

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      exitWhenFlushed(error.exitCode);
      return;
    }
    process.stderr.write(`pooltop: ${error instanceof Error ? error.message : String(error)}\n`);
    exitWhenFlushed(1);
  },
);

/**
 * Exit once stdout has drained, so a large snapshot piped into `head` or a file is not cut short.
 * A write to a file fails at once (`> /dev/full`), its 'error' event only on the next tick: the
 * stream has marked itself errored by now, so that failure is not lost to an early exit 0.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  const failed = process.stdout.errored as NodeJS.ErrnoException | null;
  if (failed) outputFailed(failed);
  if (process.stdout.writableLength === 0) process.exit(code);
  process.stdout.once('drain', () => process.exit(code));
}

/** Output that could not be written is a failure, said in one line; a reader that left (`| head`) is not. */
function outputFailed(error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`pooltop: cannot write to standard output (${error.message})\n`);
  process.exit(1);
}
