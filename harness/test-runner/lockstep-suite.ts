import * as path from 'node:path';
import { MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import { loadProjectConfig } from '../project/load-config';
import { selectTargets } from '../project/select-targets';
import { builtinTargets } from '../target/builtin-targets';
import { isTarget } from '../target/is-target';
import * as vm from 'node:vm';
import { expectationOf, isAsync, targetMemories, type AnyTarget } from '../target/any-target';
import { targetsOfExports } from '../target/load-target-module';
import { TargetError } from '../target/target-error';
import { targetDeclarationProblem } from '../target/target-shape';
import { checkCorpusEntry, corpusEntriesOf } from './corpus-check';
import { LockstepTestFailure } from './lockstep-test-failure';
import { checkVariant, type VariantCheckOptions } from './variant-check';

/** Options of a target's test suite (`describeTarget` of lockstep/jest, lockstep/vitest, lockstep/node-test). */
export interface LockstepTestOptions extends VariantCheckOptions {
  /** Memory models to test each variant under (default: every model, MEMORY_MODELS, as `lockstep fuzz`). */
  readonly memory?: readonly MemoryModelName[];
  /** Variants to test (default: all). */
  readonly variants?: readonly string[];
  /**
   * Corpus to replay as regression tests, one test per saved entry of the target (default:
   * the project config's `corpus`, else `corpus/` in the project root); false = none.
   */
  readonly corpus?: string | false;
  /** Per-test timeout of the adapters, ms (default 120000). */
  readonly timeout?: number;
}

/** One test: a name and what it runs (throws LockstepTestFailure when the code misbehaves). */
export interface LockstepCase {
  readonly name: string;
  readonly skip?: boolean;
  run(): Promise<void>;
}

/** A target's tests, independent of the test runner: one per variant and memory model, one per corpus entry. */
export interface LockstepSuite {
  /** The describe block's name: the target's name (and module). */
  readonly name: string;
  readonly cases: readonly LockstepCase[];
  /** Regression tests: the target's saved corpus entries replayed. */
  readonly corpus: readonly LockstepCase[];
  readonly timeout: number;
}

/**
 * The tests of `target` (a Target, or a target file `locks/spin.ts[:name]` relative to the
 * working directory, which also makes printed replay commands work from the shell): each
 * variant under each memory model must behave as it declares (checkVariant), and each saved
 * corpus entry of the target must replay as its variant's expectation says (checkCorpusEntry).
 * Built synchronously (test runners collect tests synchronously); the checks run in the tests.
 */
export function lockstepSuite(target: AnyTarget | string, o: LockstepTestOptions = {}): LockstepSuite {
  const project = loadProjectConfig(process.cwd());
  let t: AnyTarget;
  let module = o.module;
  let origin: string | undefined;
  if (typeof target === 'string') {
    const picked = selectTargets([target], { cwd: process.cwd(), root: project.root, builtins: builtinTargets });
    if (picked.length !== 1) throw new TargetError(`lockstep tests: '${target}' selects ${picked.length} targets; name one (path.ts:target)`);
    t = picked[0]!.target;
    const ref = picked[0]!.ref;
    if (isAsync(t) && ref.kind === 'file' && inSandbox()) t = loadedBySandbox(ref.path, t, picked[0]!.origin ?? target);
    if (ref.kind === 'file') module ??= ref.module;
    origin = picked[0]!.origin;
  } else {
    if (!isTarget(target)) throw new TargetError('lockstep tests: expected a Target (name, variants, workload, setup) or a target file path');
    const problem = targetDeclarationProblem(target);
    if (problem !== undefined) throw new TargetError(problem);
    t = target;
  }
  const variants = o.variants ?? t.variants.map((v) => v.name);
  for (const v of variants) if (!t.variants.some((x) => x.name === v)) throw new TargetError(`lockstep tests: target '${t.name}' has no variant '${v}'`);
  // an async target runs JavaScript, sequentially consistent: sc only
  const memories = targetMemories(t, o.memory ?? MEMORY_MODELS);
  if (memories.length === 0) throw new TargetError(`lockstep tests: target '${t.name}' is an async target and runs under sc only (asked: ${(o.memory ?? []).join(', ')})`);
  const check: VariantCheckOptions = { ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(module !== undefined ? { module } : {}), ...(o.runawayMs !== undefined ? { runawayMs: o.runawayMs } : {}) };
  const cases: LockstepCase[] = variants.flatMap((variant) => memories.map((memory): LockstepCase => {
    const e = expectationOf(t, variant, memory)!;
    return {
      name: `${variant} under ${memory} ${e === 'clean' ? 'is clean' : `shows a ${e}`}`,
      async run() {
        const r = await mistakesNamed(origin ?? module, () => checkVariant(t, variant, memory, check));
        if (!r.pass) throw new LockstepTestFailure(r.message);
      },
    };
  }));
  const corpusDir = o.corpus === false ? undefined : path.resolve(project.root, o.corpus ?? project.config.corpus ?? 'corpus');
  const corpus: LockstepCase[] = corpusDir === undefined ? [] : corpusEntriesOf(t, corpusDir)
    .filter((l) => variants.includes(l.entry.variant) || !t.variants.some((x) => x.name === l.entry.variant))
    .map((l): LockstepCase => ({
      name: `${l.entry.variant} under ${l.entry.memory}: ${path.basename(l.path, '.json')} (${l.entry.finding.kind})`,
      skip: l.entry.finding.kind === 'runaway',
      async run() {
        const r = await mistakesNamed(origin ?? module, () => checkCorpusEntry(t, l, o.runawayMs !== undefined ? { runawayMs: o.runawayMs } : {}));
        if (!r.pass) throw new LockstepTestFailure(r.message);
      },
    }));
  return { name: module !== undefined ? `${t.name} (${module})` : t.name, cases, corpus, timeout: o.timeout ?? 120_000 };
}

/**
 * A mistake in the target (a setup that throws, a body that is no generator) fails the test
 * with one line naming the file and export, as the CLI's exit 2 does, not with lockstep's stack.
 */
async function mistakesNamed<T>(origin: string | undefined, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof TargetError) throw new LockstepTestFailure(`mistake in the target: ${origin !== undefined ? `${origin}: ` : ''}${e.message}`);
    throw e;
  }
}

/** True inside a vm sandbox with globals of its own (jest's test environment): `vm.runInThisContext` evaluates in Node's own realm. */
function inSandbox(): boolean {
  return vm.runInThisContext('globalThis') !== globalThis;
}

/**
 * An async target file loaded again by the test runner's own `require`. Under jest a test file
 * runs in a vm sandbox with globals of its own, and the async front end installs its virtual
 * timers and clocks into the globals of the realm lockstep runs in (the sandbox); the copy jiti
 * loaded lives in Node's own realm and would call the real timers (uncontrolled: exit 2). A
 * TypeScript file needs jest's TypeScript transform (ts-jest, @swc/jest); a .js file needs none.
 */
function loadedBySandbox(file: string, t: AnyTarget, origin: string): AnyTarget {
  let mod: unknown;
  try {
    // the test runner's require (jest's module registry, in its sandbox)
    mod = require(file) as unknown;
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new TargetError(`${origin}: an async target runs inside the test runner's sandbox (its timers and clocks are the sandbox's), and jest could not load the file itself (${why}): give jest a TypeScript transform (ts-jest, @swc/jest), write the target in JavaScript, or import it in the test file and pass the object`);
  }
  const exports = (typeof mod === 'object' && mod !== null) || typeof mod === 'function' ? (mod as Record<string, unknown>) : {};
  const copy = targetsOfExports(exports).found.find((x) => x.name === t.name && isAsync(x));
  if (copy === undefined) throw new TargetError(`${origin}: loaded by the test runner, the module exports no async target '${t.name}'`);
  return copy;
}
