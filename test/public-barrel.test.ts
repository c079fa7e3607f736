/**
 * The public barrel (harness/index.ts, the package's `lockstep` entry; DECISIONS.md item 7):
 * the built-in targets import the harness only through it, as users do; every value it
 * exports is documented (TSDoc) where it is declared; every built-in target passes the
 * declaration checks user targets get.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from '../harness';
import { builtinTargets } from '../targets';

const ROOT = path.join(__dirname, '..');
const IMPORT_RE = /(?:import|export)\s[^;]*?from\s+'([^']+)'/gs;

/** Files reachable from targets/index.ts through relative imports inside targets/. */
function targetSources(): string[] {
  const seen = new Set<string>();
  const stack = [path.join(ROOT, 'targets', 'index.ts')];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec);
      const hit = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
      if (hit !== undefined && hit.startsWith(path.join(ROOT, 'targets') + path.sep)) stack.push(hit);
    }
  }
  return [...seen].sort();
}

describe('the public barrel', () => {
  it('is the only way the built-in targets reach the harness', () => {
    const files = targetSources();
    expect(files.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
        const spec = m[1]!;
        const abs = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
        if (abs.startsWith(path.join(ROOT, 'harness')) && abs !== path.join(ROOT, 'harness')) offending.push(`${path.relative(ROOT, file)}: ${spec}`);
        if (!spec.startsWith('.') && !spec.startsWith('node:')) offending.push(`${path.relative(ROOT, file)}: ${spec} (a package)`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('documents every value it exports where it is declared', () => {
    const barrel = fs.readFileSync(path.join(ROOT, 'harness', 'index.ts'), 'utf8');
    const undocumented: string[] = [];
    for (const m of barrel.matchAll(/export \{([^}]*)\} from '([^']+)'/gs)) {
      const names = m[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('type '));
      const base = path.resolve(ROOT, 'harness', m[2]!);
      const file = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c))!;
      const src = fs.readFileSync(file, 'utf8');
      for (const name of names) {
        const local = name.split(/\s+as\s+/)[0]!;
        const decl = new RegExp(`^export (?:async function|function|const|class) ${local}\\b`, 'm').exec(src);
        if (decl === null) continue; // re-exported from further down (checked in its own module's barrel)
        const before = src.slice(0, decl.index).trimEnd();
        if (!before.endsWith('*/')) undocumented.push(`${local} (${path.relative(ROOT, file)})`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('exports the authoring surface, the workload helpers and the programmatic entry points', () => {
    for (const name of ['mutexTarget', 'rwlockTarget', 'semaphoreTarget', 'barrierTarget', 'mutexInstance', 'rwlockInstance', 'semaphoreInstance', 'barrierInstance',
      'defineTarget', 'expectation', 'explore', 'fuzz', 'replayRecording', 'replayEntry', 'replayPath', 'checkHistory', 'formatInterleaving', 'loadTargetModule', 'TargetError']) {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('every built-in target passes the declaration checks user targets get', () => {
    for (const t of builtinTargets()) expect([t.name, api.targetDeclarationProblem(t)]).toEqual([t.name, undefined]);
  });
});
