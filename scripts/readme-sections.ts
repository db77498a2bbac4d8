// The README's generated sections, between `<!-- name:start -->` and `<!-- name:end -->` markers.
import { MONITOR_HELP, RECORD_HELP, REPLAY_HELP, RUN_HELP, SERVE_HELP, SNAPSHOT_HELP } from '../src/cli/help-text.js';
import { primesHelp } from '../src/cli/primes-command.js';
import { sumsqHelp } from '../src/cli/sumsq-command.js';
import { keyTableMarkdown, replayKeyTableMarkdown } from './key-table-markdown.js';

export function generatedSections(): Record<string, string> {
  return {
    keys: keyTableMarkdown(),
    'help-monitor': fence(MONITOR_HELP),
    'help-snapshot': fence(SNAPSHOT_HELP),
    'help-serve': fence(SERVE_HELP),
    'replay-keys': replayKeyTableMarkdown(),
    'help-record': fence(RECORD_HELP),
    'help-replay': fence(REPLAY_HELP),
    'help-run': fence(RUN_HELP),
    // The default worker count is the machine's: the README shows it as a word.
    'help-primes': fence(primesHelp('one per core')),
    'help-sumsq': fence(sumsqHelp('one per core')),
  };
}

function fence(text: string): string {
  return ['```text', text.trimEnd(), '```'].join('\n');
}

/** The README with each marked section's content replaced. */
export function replaceSections(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, content] of Object.entries(sections)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
    out = `${out.slice(0, a + start.length)}\n${content}\n${out.slice(b)}`;
  }
  return out;
}

/** Each marked section's current content. */
export function readSection(readme: string, name: string): string | null {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return null;
  return readme.slice(a + start.length, b).trim();
}
