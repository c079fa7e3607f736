import * as fs from 'node:fs';
import * as path from 'node:path';
import { createJiti } from 'jiti';
import { isTarget } from './is-target';
import type { AnyTarget } from './any-target';
import { TargetError } from './target-error';
import { describeNotATarget } from './target-shape';

/** A target module and the targets it exports, in export order. */
export interface LoadedTargetModule {
  /** Absolute path of the module. */
  readonly file: string;
  readonly targets: readonly AnyTarget[];
  /** How each target is exported: `default`, `spinlock`, `all()` (a factory), `locks[1]`. */
  readonly exportNames: ReadonlyMap<AnyTarget, string>;
}

/** File extensions lockstep loads as target modules. */
export const TARGET_MODULE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * Load the targets a module file exports: every exported Target (default export included),
 * exported arrays of Targets, and exported zero-argument functions returning them
 * (`classicTargets()`). TypeScript and ESM files are compiled on the fly by jiti (a runtime
 * dependency, so this works from the installed package); type errors are not checked here
 * (run tsc for that). A module that cannot be loaded or exports no target is a TargetError
 * (exit 2) naming the file, the line and the real error.
 */
export function loadTargetModule(file: string, cwd: string = process.cwd()): LoadedTargetModule {
  const abs = path.resolve(cwd, file);
  const shown = displayPath(abs, cwd);
  if (!fs.existsSync(abs)) throw new TargetError(`target file '${shown}' does not exist`);
  if (!fs.statSync(abs).isFile()) throw new TargetError(`target file '${shown}' is not a file`);
  let mod: unknown;
  try {
    mod = jitiFor(abs)(abs);
  } catch (e) {
    throw new TargetError(`cannot load target file '${shown}': ${describeLoadError(e, abs, cwd)}`);
  }
  const exports = (typeof mod === 'object' && mod !== null) || typeof mod === 'function' ? (mod as Record<string, unknown>) : {};
  const { found, exportNames } = targetsOfExports(exports);
  if (found.length === 0) {
    const hints = Object.entries(exports).map(([name, v]) => describeNotATarget(name, v)).filter((h): h is string => h !== undefined);
    const why = hints.length > 0 ? hints.join('; ') : `its exports: ${Object.keys(exports).join(', ') || '(none)'}`;
    throw new TargetError(`target file '${shown}' exports no Target (expected an object with name, summary, variants, workload and setup, an array of them, or a function returning them; ${why})`);
  }
  return { file: abs, targets: found, exportNames };
}

/**
 * The targets a module's exports hold (`export default`, named exports, arrays, zero-argument
 * functions returning them), each with how it is exported (`default`, `locks[1]`, `all()`).
 */
export function targetsOfExports(exports: Record<string, unknown>): { found: AnyTarget[]; exportNames: Map<AnyTarget, string> } {
  const found: AnyTarget[] = [];
  const exportNames = new Map<AnyTarget, string>();
  const add = (x: unknown, name: string): void => {
    if (isTarget(x)) {
      if (!found.includes(x)) { found.push(x); exportNames.set(x, name); }
    } else if (Array.isArray(x)) x.forEach((y, i) => add(y, `${name}[${i}]`));
  };
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'function' && value.length === 0 && !isTarget(value)) {
      let made: unknown;
      try { made = (value as () => unknown)(); } catch { continue; /* not a target factory */ }
      add(made, `${name}()`);
    } else add(value, name);
  }
  return { found, exportNames };
}

/** A jiti instance anchored at the module (its id only anchors relative requires). */
function jitiFor(abs: string): ReturnType<typeof createJiti> {
  // interopDefault off: a default-exported target stays under `default` (collected above)
  // instead of being merged with the named exports. No module cache: a module edited since
  // the last load (watch mode, a test runner) is read again.
  return createJiti(abs, { interopDefault: false, moduleCache: false });
}

/** `src/lock.ts` relative to cwd when inside it, else the absolute path. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/**
 * The real error of a failed module load (a target module, a config file) in one line, plus a code frame for syntax errors: jiti's
 * parse errors end with ` /abs/file.ts:3:8`; runtime errors point at the first stack frame in
 * a file of the user's project (not in node_modules).
 */
export function describeLoadError(err: unknown, abs: string, cwd: string): string {
  // duck-typed: the module may have run in another realm (jest), where `instanceof Error` fails
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') return String(err);
  const e = err as Error;
  const first = e.message.split('\n')[0]!.trim();
  const parse = /^(?:ParseError|SyntaxError): (.*?)\s*$/s.exec(first);
  const at = /\s(\/[^\s]+?|[A-Za-z]:\\[^\s]+?):(\d+):(\d+)\s*$/.exec(e.message);
  if (e.message.startsWith('ParseError:') || (parse && at)) {
    const msg = (parse?.[1] ?? first).trim() || 'unexpected token';
    // jiti (babel) reports 0-based columns; editors and compilers print 1-based ones
    if (at) return `syntax error at ${displayPath(at[1]!, cwd)}:${at[2]}:${Number(at[3]) + 1}: ${msg}${codeFrame(at[1]!, Number(at[2]), Number(at[3]))}`;
    return `syntax error: ${msg}`;
  }
  if (e.name === 'SyntaxError') {
    // a SyntaxError from the VM (e.g. top-level await, which a synchronous load cannot run)
    const loc = /^(\/[^\s:]+|[A-Za-z]:\\[^\s:]+):(\d+)/m.exec(e.stack ?? '');
    const hint = /await is only valid/.test(e.message) ? ' (top-level await is not supported in target modules: build the target synchronously)' : '';
    return `syntax error${loc ? ` at ${displayPath(loc[1]!, cwd)}:${loc[2]}` : ''}: ${e.message}${hint}`;
  }
  if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
    const m = /^Cannot find module '([^']+)'/.exec(first);
    const from = /Require stack:\n- ([^\n]+)/.exec(e.message)?.[1];
    const name = m?.[1] ?? first;
    const pkgHint = !name.startsWith('.') && !path.isAbsolute(name) ? ` (is '${name.split('/')[0]!.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]}' installed in this project?)` : '';
    return `cannot find module '${name}'${from ? ` imported from ${displayPath(from, cwd)}` : ''}${pkgHint}`;
  }
  const frame = userFrame(e.stack ?? '', abs);
  return `${e.name}: ${first}${frame ? ` (at ${displayPath(frame.file, cwd)}:${frame.line}:${frame.column})` : ''}`;
}

/** lockstep's own harness directory (source or dist): its frames are never the user's code. */
const HARNESS_DIR = path.resolve(__dirname, '..') + path.sep;

/** The first stack frame in a project file (not node_modules, not lockstep, not node internals). */
function userFrame(stack: string, abs: string): { file: string; line: number; column: number } | undefined {
  const frames = [...stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^():\s]+):(\d+):(\d+)\)?/g)].map((m) => ({ file: m[1]!, line: Number(m[2]), column: Number(m[3]) }));
  return frames.find((f) => !f.file.includes(`${path.sep}node_modules${path.sep}`) && !f.file.startsWith(HARNESS_DIR)) ?? frames.find((f) => f.file === abs);
}

/** Two lines of source around line:column with a caret, or '' when the file cannot be read. */
function codeFrame(file: string, line: number, column: number): string {
  let lines: string[];
  try { lines = fs.readFileSync(file, 'utf8').split('\n'); } catch { return ''; }
  const src = lines[line - 1];
  if (src === undefined) return '';
  const gutter = `${line} | `;
  return `\n  ${gutter}${src}\n  ${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, column))}^`;
}
