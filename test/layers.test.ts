// The layers of src/ as a rule (README, "Development"): which folder may import which, read from
// every import of every module, so a new import across a seam fails here instead of in review.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

interface Import {
  /** What the module names: a relative path, a package or `node:…`. */
  specifier: string;
  /** The module file it is, for a relative import; null for a package or built-in. */
  target: string | null;
  /** `import type`, or every name in it a type: erased from the JavaScript, so no code runs. */
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `./x.js` as the file tsc compiles it from: x.ts or x.tsx. */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`]) if (FILES.has(candidate)) return candidate;
  return resolve(dirname(from), specifier);
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean): void => {
    const target = specifier.startsWith('.') ? resolveRelative(file, specifier) : null;
    found.push({ specifier, target, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allNamedTypes =
        bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier.text, clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && allNamedTypes)));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) add(node, argument.text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      // `typeof import('…')`: a type, like `import type`.
      add(node, node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FILES = new Set(sourceFiles(SRC));
const IMPORTS = new Map([...FILES].map((file) => [file, importsOf(file)]));

/** The layer a file of src/ is in: its folder under src/ (`cli` for src/cli.ts), `ui/ink` kept apart from `ui`. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  if (parts.length === 1) return parts[0] === 'cli.ts' ? 'cli' : parts[0]!;
  if (parts[0] === 'ui' && parts[1] === 'ink') return 'ui/ink';
  return parts[0]!;
}

const where = (file: string, i: Import): string => `${relative(ROOT, file)}:${i.line} imports ${i.specifier}`;

/**
 * The layers each layer may import code from (a value import: the module runs). Types may come
 * from any layer but cli: they are the shapes of the data that crosses a seam (the ui draws a
 * PoolSnapshot, the model computes over a Sample) and no code of theirs runs.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  platform: [],
  // model for the recording format's decoder (pure, so no I/O comes with it), which the replay sampler reads through.
  sampling: ['platform', 'model'],
  model: ['sampling', 'pool'],
  signals: ['model', 'platform'],
  pool: ['model', 'platform', 'signals'],
  store: ['model', 'pool', 'sampling', 'signals'],
  ui: ['model', 'store', 'ui/ink'],
  'ui/ink': ['model'],
  cli: ['model', 'platform', 'pool', 'sampling', 'signals', 'store', 'ui', 'ui/ink'],
};

describe('the layers of src/', () => {
  it('has one rule per folder, and every folder in it', () => {
    const layers = new Set([...FILES].map(layerOf));
    assert.deepEqual([...layers].sort(), Object.keys(MAY_IMPORT).sort(), 'a new folder of src/ needs its line in MAY_IMPORT');
  });

  it('imports code only from the layers each may use, and types from any but cli/', () => {
    const broken: string[] = [];
    for (const [file, imports] of IMPORTS) {
      const layer = layerOf(file);
      for (const i of imports) {
        if (i.target === null) continue;
        if (!i.target.startsWith(SRC + sep)) {
          // Only ui/ink reaches into a package's files by path (its patches to Ink's internals).
          if (!(layer === 'ui/ink' && relative(ROOT, i.target).startsWith(`node_modules${sep}ink${sep}`))) broken.push(`${where(file, i)} (outside src/)`);
          continue;
        }
        const to = layerOf(i.target);
        if (to === layer) continue;
        const allowed = i.typeOnly ? to !== 'cli' : MAY_IMPORT[layer]?.includes(to);
        if (!allowed) broken.push(`${where(file, i)} (${layer} → ${to}${i.typeOnly ? ', a type' : ''})`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('touches Ink internals only in ui/ink, and Ink itself only in ui/', () => {
    const broken: string[] = [];
    for (const [file, imports] of IMPORTS) {
      const layer = layerOf(file);
      for (const i of imports) {
        if (i.typeOnly) continue;
        const internal = /^ink\/./.test(i.specifier);
        if ((internal && layer !== 'ui/ink') || (i.specifier === 'ink' && layer !== 'ui' && layer !== 'ui/ink')) broken.push(where(file, i));
      }
    }
    assert.deepEqual(broken, []);
  });

  it('keeps the model free of I/O: no code it runs, however indirectly, imports a built-in or a package', () => {
    // Followed through value imports, so a model module calling a helper that reads /proc fails too.
    const broken: string[] = [];
    const seen = new Set<string>();
    const walk = (file: string, path: readonly string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of IMPORTS.get(file) ?? []) {
        if (i.typeOnly) continue;
        const chain = [...path, relative(ROOT, file)];
        if (i.target === null) broken.push(`${chain.join(' → ')} imports ${i.specifier}`);
        else walk(i.target, chain);
      }
    };
    for (const file of FILES) if (layerOf(file) === 'model') walk(file, []);
    assert.deepEqual(broken, []);
  });

  it('sees the imports it checks (a rule that reads nothing cannot fail)', () => {
    const all = [...IMPORTS.values()].flat();
    assert.ok(all.length > 500, `only ${all.length} imports found`);
    assert.ok(
      all.some((i) => i.typeOnly && i.specifier === '../pool/pool-snapshot.js'),
      'a type-only import (ui and model read the pool snapshot type)',
    );
    assert.ok(
      all.some((i) => !i.typeOnly && i.specifier === './cli/snapshot.js'),
      'a dynamic import (src/cli.ts loads each mode)',
    );
  });
});
