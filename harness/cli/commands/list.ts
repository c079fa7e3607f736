import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { builtinTargets, skippedBuiltinTargets } from '../../target/builtin-targets';
import { selectTargets } from '../../project/select-targets';
import { configFlag, projectContext } from '../project-context';
import { configuredTargets } from '../../project/command-defaults';
import { isAsync, type AnyTarget } from '../../target/any-target';
import type { AsyncVariantSpec } from '../../async/async-target';
import type { VariantSpec } from '../../target/target';
import { MEMORY_MODELS, type MemoryModelName } from '../../memory/memory-model';
import { expectationUnder } from '../../target/expectation';
import { specLabel } from '../../target/spec-for';

/** JSON shape of `lockstep list --json`. */
export interface ListedTarget {
  readonly name: string;
  readonly summary: string;
  readonly spec?: string;
  readonly workload: Omit<AnyTarget['workload'], 'opArgs' | 'constraints'> & { readonly opArgs?: readonly string[]; readonly constraints?: readonly { readonly name: string }[] };
  readonly maxSteps?: number;
  /** 'async' for a target of the async front end (real promise-based code). */
  readonly kind?: 'async';
  readonly variants: readonly {
    readonly id: string;
    readonly name: string;
    readonly summary: string;
    /** Expected result under every model of MEMORY_MODELS (fallbacks applied, e.g. arm64-lite = tso unless stated). */
    readonly expect: { readonly [M in MemoryModelName]: string };
    readonly defaultMemory: string;
    readonly knobs?: Record<string, boolean>;
    readonly defaultWorkload?: readonly (readonly string[])[];
    /** VariantSpec.hint: the workload the variant's bug needs (its operations only). */
    readonly hint?: { readonly threads?: number; readonly opsPerThread?: number; readonly workload?: readonly (readonly string[])[] };
  }[];
}

/** Describe targets for listing. */
export function listTargets(targets: readonly AnyTarget[]): ListedTarget[] {
  return targets.map((t) => ({
    name: t.name,
    summary: t.summary,
    ...(t.spec !== undefined ? { spec: specLabel(t)! } : {}),
    // operation arguments are fast-check arbitraries: list the kinds that take one
    workload: { threads: t.workload.threads, opsPerThread: t.workload.opsPerThread, opKinds: t.workload.opKinds, ...(t.workload.opArgs ? { opArgs: Object.keys(t.workload.opArgs) } : {}), ...(t.workload.constraints ? { constraints: t.workload.constraints.map((c) => ({ name: c.name })) } : {}) },
    ...(t.maxSteps !== undefined ? { maxSteps: t.maxSteps } : {}),
    ...(isAsync(t) ? { kind: 'async' as const } : {}),
    variants: (t.variants as readonly (AsyncVariantSpec | VariantSpec)[]).map((v) => ({
      id: `${t.name}:${v.name}`,
      name: v.name,
      summary: v.summary,
      // async targets run JavaScript, which is sequentially consistent: sc only ('-' under the others)
      expect: Object.fromEntries(MEMORY_MODELS.map((m) => [m, typeof v.expect === 'string' ? (m === 'sc' ? v.expect : '-') : expectationUnder(v, m)])) as { [M in MemoryModelName]: string },
      defaultMemory: ('defaultMemory' in v ? v.defaultMemory : undefined) ?? 'sc',
      ...('knobs' in v && v.knobs !== undefined ? { knobs: { ...v.knobs } as Record<string, boolean> } : {}),
      ...(v.defaultWorkload !== undefined ? { defaultWorkload: v.defaultWorkload.ops } : {}),
      ...('hint' in v && v.hint !== undefined ? { hint: { ...(v.hint.threads !== undefined ? { threads: v.hint.threads } : {}), ...(v.hint.opsPerThread !== undefined ? { opsPerThread: v.hint.opsPerThread } : {}), ...(v.hint.workload !== undefined ? { workload: v.hint.workload.ops } : {}) } } : {}),
    })),
  }));
}

/** Text form: one block per target, one line per variant with its expectation per memory model. */
export function formatTargetList(listed: readonly ListedTarget[]): string {
  const out: string[] = [];
  const idW = Math.max(10, ...listed.flatMap((t) => t.variants.map((v) => v.id.length)));
  for (const t of listed) {
    const w = t.workload;
    out.push(`${t.name}${t.kind === 'async' ? ' (async)' : ''} - ${t.summary}`);
    out.push(`  spec ${t.spec ?? '(none)'}; threads ${w.threads.min}-${w.threads.max} (default ${w.threads.default}), ops/thread ${w.opsPerThread.min}-${w.opsPerThread.max} (default ${w.opsPerThread.default}), kinds ${w.opKinds.join('|')}`);
    for (const v of t.variants) {
      const exp = MEMORY_MODELS.map((m) => `${m}: ${v.expect[m].padEnd(9)}`).join(' ');
      out.push(`  ${v.id.padEnd(idW)}  ${exp} ${v.defaultMemory === 'sc' ? '' : `[runs under ${v.defaultMemory}] `}${v.summary}`);
    }
    out.push('');
  }
  const variants = listed.reduce((n, t) => n + t.variants.length, 0);
  out.push(`${listed.length} target${listed.length === 1 ? '' : 's'}, ${variants} variant${variants === 1 ? '' : 's'}. Expectation = what \`lockstep run <target>:<variant> --memory <m>\` should report (clean or the kind of bug).`);
  return `${out.join('\n')}\n`;
}

/** `lockstep list [targets...] [--json]`: targets, variants and the expected outcome per memory model. */
export function registerList(program: Command, io: CliIo, targets: () => readonly AnyTarget[] = builtinTargets): void {
  program
    .command('list')
    .description('list targets and variants with the expected outcome per memory model')
    .argument('[targets...]', 'built-in target names, target files (path.ts[:variant]) or globs; default: the config\'s targets, else every built-in target')
    .option('--json', 'print JSON instead of text')
    .option('--builtin', 'list the built-in targets even in a project whose config names its own')
    .action((givenArgs: string[], opts: { json?: boolean; builtin?: boolean }, cmd: Command) => {
      const ctx = projectContext(targets, configFlag(cmd));
      const args = givenArgs.length > 0 || opts.builtin ? givenArgs : configuredTargets(ctx.project, process.env) ?? [];
      const chosen = args.length === 0 ? ctx.builtins() : selectTargets(args, ctx).map((s) => ({ ...s.target, variants: (s.target.variants as readonly { name: string }[]).filter((v) => s.variants.includes(v.name)) }) as unknown as AnyTarget);
      const listed = listTargets(chosen);
      // built-in targets of npm libraries that are not installed (lockstep installed as a package)
      const skipped = args.length === 0 && targets === builtinTargets ? skippedBuiltinTargets() : [];
      io.out(opts.json ? `${JSON.stringify({ targets: listed, ...(skipped.length > 0 ? { skipped } : {}) }, null, 2)}\n` : formatTargetList(listed) + skippedNote(skipped));
      io.exitCode = 0;
    });
}

/** One line for the built-in npm-library targets a project without their libraries does not get (--json lists each). */
function skippedNote(skipped: readonly string[]): string {
  if (skipped.length === 0) return '';
  return `note: ${skipped.length} built-in target${skipped.length === 1 ? '' : 's'} of real npm lock libraries skipped: the libraries are devDependencies of lockstep, not installed here (lockstep list --json names each target and its packages)\n`;
}
