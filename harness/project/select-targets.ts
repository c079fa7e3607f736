import * as path from 'node:path';
import { displayPath, loadTargetModule, TARGET_MODULE_EXTENSIONS, type LoadedTargetModule } from '../target/load-target-module';
import type { AnyTarget } from '../target/any-target';
import { TargetError } from '../target/target-error';
import type { TargetRef } from '../target/target-ref';
import { targetDeclarationProblem } from '../target/target-shape';
import { globFiles, isGlob } from './glob';
import { moduleId } from './project-root';

/** A target picked by a command-line argument, with the variants the argument selects. */
export interface TargetSelection {
  readonly target: AnyTarget;
  readonly ref: TargetRef;
  /** The named variant(s), or every variant in declaration order when none was named. */
  readonly variants: readonly string[];
  /** True when the argument named a variant. */
  readonly explicitVariant: boolean;
  /** Where a file target is declared, for messages: `locks/lock.ts (export default)`. */
  readonly origin?: string;
}

/** What resolving arguments needs: where relative paths start, the project root, the built-ins. */
export interface SelectContext {
  readonly cwd: string;
  /** Project root: recorded module paths are relative to it. */
  readonly root: string;
  readonly builtins: () => readonly AnyTarget[];
}

const MODULE_RE = new RegExp(`^(.*?(?:${TARGET_MODULE_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')}|\\*|\\}))((?::[^:/\\\\]+){0,2})$`);

/** True when `arg` names a module file or a glob rather than a built-in target (`./x.js`, `a/b.ts:v`, `src/*.ts`). */
export function looksLikeTargetFile(arg: string): boolean {
  const m = MODULE_RE.exec(arg);
  const base = m ? m[1]! : arg;
  return isGlob(base) || TARGET_MODULE_EXTENSIONS.some((e) => base.endsWith(e)) || base.includes('/') || base.includes(path.sep);
}

/**
 * Resolve command-line target arguments: built-in `name[:variant]`, module files
 * `path.ts[:variant]` or `path.ts:target[:variant]` (when the module exports several targets),
 * and globs `src/**\/*.lock.ts[:variant]` (modules that export no target are skipped there).
 * Selections of the same target are merged. Unknown names, variants and files are a
 * TargetError naming the argument and what is valid (exit 2).
 */
export function selectTargets(args: readonly string[], ctx: SelectContext): TargetSelection[] {
  const out: TargetSelection[] = [];
  const modules = new Map<string, LoadedTargetModule>();
  const load = (file: string): LoadedTargetModule => {
    let m = modules.get(file);
    if (m === undefined) { m = checkedModule(file, ctx.cwd); modules.set(file, m); }
    return m;
  };
  for (const arg of args) {
    if (!looksLikeTargetFile(arg)) {
      merge(out, builtinSelection(arg, ctx.builtins()));
      continue;
    }
    const m = MODULE_RE.exec(arg);
    const file = m ? m[1]! : arg;
    const suffix = m?.[2] ? m[2].slice(1).split(':') : [];
    if (isGlob(file)) {
      const files = globFiles(file, ctx.cwd).filter((f) => TARGET_MODULE_EXTENSIONS.some((e) => f.endsWith(e)) && !/\.d\.[cm]?ts$/.test(f));
      if (files.length === 0) throw new TargetError(`no file matches '${file}' (relative to ${ctx.cwd})`);
      const picked: TargetSelection[] = [];
      for (const f of files) {
        let mod: LoadedTargetModule;
        try {
          mod = load(f);
        } catch (e) {
          // a glob also matches helper modules: skip the ones without targets, not the broken ones
          if (e instanceof TargetError && / exports no Target /.test(e.message)) continue;
          throw e;
        }
        picked.push(...moduleSelections(mod, suffix, ctx, arg, true));
      }
      if (picked.length === 0) throw new TargetError(`'${arg}': none of the ${files.length} matching files exports a Target${suffix.length > 0 ? ` with variant '${suffix.join(':')}'` : ''}`);
      for (const s of picked) merge(out, s);
      continue;
    }
    for (const s of moduleSelections(load(file), suffix, ctx, arg, false)) merge(out, s);
  }
  return out;
}

/** Load a module and check every target's declaration (a mistake there is exit 2, never a finding). */
function checkedModule(file: string, cwd: string): LoadedTargetModule {
  const mod = loadTargetModule(file, cwd);
  const names = new Set<string>();
  for (const t of mod.targets) {
    const problem = targetDeclarationProblem(t);
    if (problem !== undefined) throw new TargetError(`${displayPath(mod.file, cwd)} (export ${mod.exportNames.get(t) ?? '?'}): ${problem}`);
    if (names.has(t.name)) throw new TargetError(`${path.relative(cwd, mod.file) || mod.file}: two exported targets are named '${t.name}'`);
    names.add(t.name);
  }
  return mod;
}

/** `name[:variant]` among the built-in targets. */
function builtinSelection(arg: string, builtins: readonly AnyTarget[]): TargetSelection {
  const colon = arg.indexOf(':');
  const name = colon < 0 ? arg : arg.slice(0, colon);
  const variant = colon < 0 ? undefined : arg.slice(colon + 1);
  const target = builtins.find((t) => t.name === name);
  if (target === undefined) {
    const names = builtins.map((t) => t.name).join(', ');
    throw new TargetError(`unknown target '${name}'. Valid targets: ${names || '(none registered)'} (see \`lockstep list\`; a target file is a path such as ./my-lock.ts)`);
  }
  return selectVariant(target, { kind: 'builtin', name: target.name }, variant, arg);
}

/** The selections of one module for the `:x` / `:target:variant` suffix. */
function moduleSelections(mod: LoadedTargetModule, suffix: readonly string[], ctx: SelectContext, arg: string, fromGlob: boolean): TargetSelection[] {
  const ref = (t: AnyTarget): TargetRef => ({ kind: 'file', path: mod.file, module: moduleId(ctx.root, mod.file), name: t.name });
  const shown = displayPath(mod.file, ctx.cwd);
  const withVariant = (t: AnyTarget, r: TargetRef, variant: string | undefined, a: string): TargetSelection =>
    ({ ...selectVariant(t, r, variant, a), origin: `${shown} (export ${mod.exportNames.get(t) ?? '?'})` });
  if (suffix.length === 2) {
    const t = mod.targets.find((x) => x.name === suffix[0]);
    if (t === undefined) {
      if (fromGlob) return [];
      throw new TargetError(`target file '${shown}' has no target '${suffix[0]}' (it exports ${mod.targets.map((x) => x.name).join(', ')})`);
    }
    return [withVariant(t, ref(t), suffix[1], arg)];
  }
  if (suffix.length === 1) {
    const named = mod.targets.find((x) => x.name === suffix[0]);
    if (named !== undefined) return [withVariant(named, ref(named), undefined, arg)];
    const having = mod.targets.filter((t) => t.variants.some((v) => v.name === suffix[0]));
    if (having.length === 0 && !fromGlob) {
      const all = mod.targets.flatMap((t) => t.variants.map((v) => (mod.targets.length > 1 ? `${t.name}:${v.name}` : v.name)));
      throw new TargetError(`target file '${shown}' has no variant '${suffix[0]}' (variants: ${all.join(', ')})`);
    }
    return having.map((t) => withVariant(t, ref(t), suffix[0], arg));
  }
  return mod.targets.map((t) => withVariant(t, ref(t), undefined, arg));
}

function selectVariant(target: AnyTarget, ref: TargetRef, variant: string | undefined, arg: string): TargetSelection {
  if (variant === undefined) return { target, ref, variants: target.variants.map((v) => v.name), explicitVariant: false };
  if (!target.variants.some((v) => v.name === variant)) {
    throw new TargetError(`unknown variant '${variant}' of target '${target.name}' in '${arg}'. Valid: ${target.variants.map((v) => `${target.name}:${v.name}`).join(', ')}`);
  }
  return { target, ref, variants: [variant], explicitVariant: true };
}

/** Add `s`, merging it into an earlier selection of the same target. */
function merge(out: TargetSelection[], s: TargetSelection): void {
  const same = out.findIndex((x) => x.target === s.target);
  if (same < 0) { out.push(s); return; }
  const prev = out[same]!;
  const variants = s.target.variants.map((v) => v.name).filter((v) => prev.variants.includes(v) || s.variants.includes(v));
  out[same] = { ...prev, variants, explicitVariant: prev.explicitVariant && s.explicitVariant };
}
