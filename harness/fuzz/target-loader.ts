import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../cli/cli-error';
import type { Target } from '../target/target';

/** True when `x` has the shape of a Target (name, variants, workload, setup). */
export function isTarget(x: unknown): x is Target {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as Partial<Target>;
  return typeof t.name === 'string' && Array.isArray(t.variants) && typeof t.setup === 'function' && typeof t.workload === 'object';
}

/** True when `arg` names a module file rather than a registered target (`./x.js`, `a/b.ts`). */
export function looksLikeTargetFile(arg: string): boolean {
  const base = arg.includes(':') && !/^[A-Za-z]:[\\/]/.test(arg) ? arg.slice(0, arg.lastIndexOf(':')) : arg;
  return /\.(c|m)?(js|ts)$/.test(base) || base.includes('/') || base.includes(path.sep);
}

/**
 * Load the targets a module file exports (issue 5 "Patch triage": triage a patched copy of a
 * target file without registering it): every exported Target, exported arrays of Targets,
 * and exported zero-argument functions returning them (`classicTargets()`). A .ts file is
 * compiled on the fly by esbuild-register (already a dependency of the test setup).
 * Errors name the file and say what was expected (CliError, exit 2).
 */
export function loadTargetFile(file: string): Target[] {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new CliError(`target file '${file}' does not exist`);
  if (/\.(c|m)?ts$/.test(abs)) registerTypeScript(file);
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(abs) as Record<string, unknown>;
  } catch (e) {
    throw new CliError(`cannot load target file '${file}': ${(e as Error).message.split('\n')[0]}`);
  }
  const found: Target[] = [];
  const add = (x: unknown): void => {
    if (isTarget(x)) { if (!found.includes(x)) found.push(x); } else if (Array.isArray(x)) x.forEach(add);
  };
  for (const value of Object.values(mod)) {
    if (typeof value === 'function' && value.length === 0 && !isTarget(value)) {
      try { add((value as () => unknown)()); } catch { /* not a target factory */ }
    } else add(value);
  }
  if (found.length === 0) {
    throw new CliError(`target file '${file}' exports no Target (expected an object with name, variants, workload and setup, an array of them, or a function returning them)`);
  }
  return found;
}

/** Hook .ts requires through esbuild-register (once per thread: it patches require itself). */
function registerTypeScript(file: string): void {
  const key = '__lockstepTsRegistered';
  const g = globalThis as Record<string, unknown>;
  if (g[key]) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('esbuild-register/dist/node') as { register(o?: object): unknown }).register({ target: 'node20' });
    g[key] = true;
  } catch {
    throw new CliError(`cannot load TypeScript target file '${file}': esbuild-register is not installed; compile it to .js first`);
  }
}

/** The target named `name` in `file` (the only one when `name` is undefined). */
export function targetFromFile(file: string, name?: string): Target {
  const all = loadTargetFile(file);
  if (name === undefined) {
    if (all.length === 1) return all[0];
    throw new CliError(`target file '${file}' exports ${all.length} targets (${all.map((t) => t.name).join(', ')}); this needs exactly one`);
  }
  const t = all.find((x) => x.name === name);
  if (!t) throw new CliError(`target file '${file}' has no target '${name}' (it exports ${all.map((x) => x.name).join(', ')})`);
  return t;
}
