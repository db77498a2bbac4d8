// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per function
// and per package, over a chosen stretch of the run.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface SelfTime {
  name: string;
  where: string;
  ms: number;
  /** For a native or node-internal function: the nearest caller in JavaScript outside node, with its ms. */
  via?: Map<string, number>;
}

export interface ProfileSummary {
  /** ms covered by the chosen stretch. */
  spanMs: number;
  /** ms in "(idle)", "(garbage collector)", "(program)" (native, outside JS) and JS. */
  buckets: Record<string, number>;
  functions: SelfTime[];
  packages: SelfTime[];
}

/** Where a script lives, shortened: a package name, the repo-relative path, or node's internal module. */
function place(url: string, root: string): { pkg: string; file: string } {
  const path = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (inModules) return { pkg: inModules[1]!, file: `${inModules[1]}/${inModules[2]}` };
  if (path.startsWith('node:')) return { pkg: 'node (internal)', file: path };
  if (path.startsWith(root)) {
    const file = path.slice(root.length).replace(/^\//, '');
    return { pkg: `pooltop ${file.split('/')[0]}/`, file };
  }
  return { pkg: path === '' ? '(native)' : 'other', file: path };
}

/**
 * Summarises the samples taken between `fromMs` and `toMs` after the profile started (either may
 * be omitted). `root` is the repository path, stripped from file names.
 */
export function summarizeProfile(file: string, root: string, fromMs = 0, toMs = Number.POSITIVE_INFINITY): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** The first frame up the stack that is JavaScript outside node itself: who asked for the native work. */
  const caller = (id: number): string => {
    for (let up = parentOf.get(id); up !== undefined; up = parentOf.get(up)) {
      const frame = byId.get(up)!.callFrame;
      if (frame.url !== '' && !frame.url.startsWith('node:')) {
        return `${frame.functionName || '(anonymous)'} ${place(frame.url, root).file}:${frame.lineNumber + 1}`;
      }
    }
    return '(none)';
  };
  const selfUs = new Map<number, number>();
  let clock = 0;
  let spanUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    clock += profile.timeDeltas[i] ?? 0;
    // A sample's time is the gap to the next one (V8's own attribution in DevTools).
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (clock / 1000 < fromMs || clock / 1000 > toMs) continue;
    spanUs += duration;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  }

  const buckets: Record<string, number> = { '(idle)': 0, '(program)': 0, '(garbage collector)': 0, JavaScript: 0 };
  const functions = new Map<string, SelfTime>();
  const packages = new Map<string, SelfTime>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const ms = us / 1000;
    if (frame.functionName in buckets && frame.url === '') {
      buckets[frame.functionName]! += ms;
      continue;
    }
    buckets.JavaScript! += ms;
    const { pkg, file: where } = place(frame.url, root);
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${where}:${frame.lineNumber + 1}`;
    const fn = functions.get(key) ?? { name, where: `${where}:${frame.lineNumber + 1}`, ms: 0 };
    fn.ms += ms;
    if (frame.url === '' || frame.url.startsWith('node:')) {
      fn.via ??= new Map();
      const from = caller(id);
      fn.via.set(from, (fn.via.get(from) ?? 0) + ms);
    }
    functions.set(key, fn);
    const group = packages.get(pkg) ?? { name: pkg, where: '', ms: 0 };
    group.ms += ms;
    packages.set(pkg, group);
  }
  const byTime = (a: SelfTime, b: SelfTime) => b.ms - a.ms;
  return {
    spanMs: spanUs / 1000,
    buckets,
    functions: [...functions.values()].sort(byTime),
    packages: [...packages.values()].sort(byTime),
  };
}
