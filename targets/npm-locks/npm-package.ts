/**
 * The real npm libraries behind the built-in async targets are devDependencies of lockstep
 * (historical versions through npm aliases, e.g. `async-mutex-0.2.4` = `npm:async-mutex@0.2.4`).
 * In a user's project they are not installed: such a target is skipped with a note, never a crash.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** True when npm package `name` is installed where lockstep can load it. */
export function packageInstalled(name: string): boolean {
  const dirs = require.resolve.paths(name) ?? [];
  return dirs.some((d) => existsSync(path.join(d, name, 'package.json')));
}

/**
 * Load an npm package, CommonJS or ESM, through `import()`: its module namespace (a CommonJS
 * module's exports are its `default` and, where Node detects them, named exports).
 */
export function loadPackage(name: string): Promise<Record<string, unknown>> {
  let p = LOADED.get(name);
  if (p === undefined) {
    p = import(name) as Promise<Record<string, unknown>>;
    LOADED.set(name, p);
  }
  return p;
}

/**
 * Namespaces already loaded. Node caches the module itself; this only skips the resolution an
 * `import()` repeats on every call (~15 % of an execution of async-mutex, since `prepare` runs
 * before each execution). Module namespaces are immutable, so sharing them changes nothing.
 */
const LOADED = new Map<string, Promise<Record<string, unknown>>>();

/** A named export of a loaded package, found on the namespace or on its default export. */
export function exportOf<T>(ns: Record<string, unknown>, name: string): T {
  const v = ns[name] ?? (ns.default as Record<string, unknown> | undefined)?.[name];
  if (v === undefined) throw new Error(`the package has no export '${name}'`);
  return v as T;
}
