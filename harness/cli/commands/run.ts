import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { builtinTargets } from '../../target/builtin-targets';
import { MEMORY_MODELS, type MemoryModelName } from '../../memory/memory-model';
import { expectationOf, isAsync, type AnyTarget } from '../../target/any-target';
import { explore, DEFAULT_PREEMPTIONS, DEFAULT_PCT_DEPTH } from '../../explore/explore';
import type { StrategyName } from '../../explore/explore-options';
import { selectTargets, type TargetSelection } from '../../project/select-targets';
import { configFlag, projectContext } from '../project-context';
import { TargetError } from '../../target/target-error';
import { configuredTargets, withProjectDefaults, type FlagValues } from '../../project/command-defaults';
import { workloadFor, workloadSizeProblem } from '../../explore/default-workload';
import { workloadProblem } from '../../target/workload-problem';
import { choiceFlag, intFlag, positiveFlag } from '../../explore/cli-flags';
import { runHeadline, runJson, runOutput, type RunJson } from '../../explore/run-summary';
import { formatInterleaving } from '../../report/interleaving-table';
import { expectationUnder } from '../../target/expectation';
import { formatWorkload } from '../../target/workload-args';
import { showFinding } from '../shown-finding';
import { collect, emitReports, parseReporters } from '../reporter-option';
import { runJunitCases } from '../run-reporters';
import { renderJunit } from '../../report/junit-cases';
import { renderGithubAnnotations } from '../../report/github-annotations';
import { commandGuard, guardFailure, RUNAWAY_HELP } from '../runaway-option';
import { executeTarget, withDeterminismCheck } from '../../async/execute-target';
import { guardedEngine } from '../../fuzz/guarded-engine';

/** The seed `lockstep run` uses without --seed (printed with every run): 0x5eed. */
export const DEFAULT_SEED = 24301;

/**
 * Executions per variant without --runs/--time. Runs stop at the first bug, so this only costs
 * time on clean variants (about 1-3 s each); the deepest seeded bugs (pvqspinlock v4.7, W14
 * mayhalt) need up to ~15 000 executions of the default portfolio with the default seed.
 */
export const DEFAULT_CLI_RUNS = 20_000;

const STRATEGIES: readonly StrategyName[] = ['default', 'random', 'pct', 'dfs', 'pos', 'urw'];

interface RunFlags {
  runawayMs?: string;
  memory?: string;
  strategy?: string;
  seed?: string;
  runs?: string;
  time?: string;
  preemptions?: string;
  por?: boolean;
  threads?: string;
  ops?: string;
  json?: boolean;
  expect?: boolean;
  shrink?: boolean;
  reporter?: string[];
}

/** Injected for tests: the targets and the budget clock. */
export interface RunDeps {
  readonly targets?: () => readonly AnyTarget[];
  readonly now?: () => number;
}

/**
 * `lockstep run [<target>[:<variant>]]`: explore each selected variant and report. Without a
 * variant every variant of the target runs (each is reported); without a target every built-in
 * target. Without --memory each variant runs under its own default memory model
 * (VariantSpec.defaultMemory, else sc). `--expect` turns it into a self-check of the zoo: exit 0
 * when every variant shows what it is expected to show.
 */
export function registerRun(program: Command, io: CliIo, deps: RunDeps = {}): void {
  program
    .command('run')
    .description('explore schedules of a target (all its variants unless one is named) and report bugs')
    .argument('[targets...]', 'target[:variant] (see `lockstep list`), a target file path.ts[:variant] or a glob; without :variant every variant runs; without a target every built-in target runs')
    .option('--memory <model>', `memory model ${MEMORY_MODELS.join('|')} (default: the variant's own, else sc)`)
    .option('--strategy <name>', 'default (portfolio: partial-order sampling, random walk, PCT d=2,3) | random | pct | dfs (bounded exhaustive by preemption count) | pos (partial-order sampling) | urw (uniform random walk over interleavings)', 'default')
    .option('--seed <n>', `seed of the random strategies (default ${DEFAULT_SEED}, always printed)`)
    .option('--runs <n>', `executions per variant (default ${DEFAULT_CLI_RUNS}; dfs: until exhausted; with --time: unlimited)`)
    .option('--time <seconds>', 'wall-clock budget for the whole command, split evenly over the variants')
    .option('--preemptions <k>', `dfs: preemption bound K (default ${DEFAULT_PREEMPTIONS}); pct: depth d (default ${DEFAULT_PCT_DEPTH})`)
    .option('--por', 'dfs: partial-order reduction (source-set DPOR made sound under the preemption bound, Coons et al. 2013): the same verdicts as plain dfs at the same K in fewer schedules; sc and tso (arm64-lite and async targets: plain dfs runs, and says so)')
    .option('--threads <n>', 'threads of the workload (default: the target\'s)')
    .option('--ops <n>', 'operations per thread (default: the target\'s)')
    .option('--json', 'print one JSON object: {schemaVersion, command, strategy, seed, results: [one per variant], summary} (schemas/run-output.schema.json)')
    .option('--reporter <name[:file]>', 'default | json (as --json) | junit | github (annotations); repeatable; :file writes it there instead of stdout; naming any replaces default unless default is named too', collect)
    .option('--no-shrink', 'show the failing run as found instead of shrinking it (fewer threads, operations and preemptions) like `lockstep fuzz` does')
    .option('--runaway-ms <ms>', RUNAWAY_HELP)
    .option('--expect', 'exit 0 when every variant shows what `lockstep list` expects (clean, or some bug), else 1')
    .addHelpText('after', '\nExit status: 0 clean, 1 a bug was found (with --expect: 0 when every variant behaves as expected: no unexpected finding, no expected bug missed), 2 bad usage or unknown target.\nEach variant runs under its own default memory model unless --memory is given.\nA finding is shrunk like lockstep fuzz does (--no-shrink: show it as found); it prints a replay command: npx lockstep replay <token>.')
    .action(async (givenSpecs: string[], givenFlags: RunFlags, cmd: Command) => {
      const now = deps.now ?? (() => Date.now());
      const ctx = projectContext(deps.targets ?? builtinTargets, configFlag(cmd));
      // flags > LOCKSTEP_* > lockstep.config.* > defaults; no target named: the project's targets
      const flags = withProjectDefaults('run', givenFlags as FlagValues, ctx.project, process.env, new Date().toISOString()) as RunFlags;
      const specs = givenSpecs.length > 0 ? givenSpecs : configuredTargets(ctx.project, process.env) ?? [];
      const spec = specs.length > 0 ? specs.join(' ') : undefined;
      const selection: TargetSelection[] = specs.length === 0
        ? ctx.builtins().map((t) => ({ target: t, ref: { kind: 'builtin', name: t.name }, variants: t.variants.map((v) => v.name), explicitVariant: false }))
        : selectTargets(specs, ctx);
      const reporters = [
        ...(flags.reporter !== undefined || !flags.json ? parseReporters(flags.reporter, ['default', 'json', 'junit', 'github'], { html: 'lockstep run has no HTML page; lockstep fuzz writes one (index.html and a finding page per finding)' }) : []),
        ...(flags.json ? [{ name: 'json' as const }] : []),
      ];
      // the human-readable text: streamed to stdout per variant, kept whole for a default:<file>
      const live = reporters.some((r) => r.name === 'default' && r.file === undefined);
      const textParts: string[] = [];
      const say = (t: string): void => { textParts.push(t); if (live) io.out(t); };
      const memory = choiceFlag('--memory', flags.memory, MEMORY_MODELS);
      const strategy = choiceFlag('--strategy', flags.strategy, STRATEGIES) ?? 'default';
      const seed = intFlag('--seed', flags.seed, 0) ?? DEFAULT_SEED;
      const runsFlag = intFlag('--runs', flags.runs, 1);
      const timeS = positiveFlag('--time', flags.time);
      const preemptions = intFlag('--preemptions', flags.preemptions, strategy === 'pct' ? 1 : 0, 64);
      if (flags.por === true && strategy !== 'dfs') throw new CliError(`--por: partial-order reduction is a mode of --strategy dfs (got --strategy ${strategy})`);
      const threads = intFlag('--threads', flags.threads, 1, 64);
      const ops = intFlag('--ops', flags.ops, 1, 1000);
      for (const resolved of selection) {
        const problem = workloadSizeProblem(resolved.target, threads, ops);
        if (problem !== undefined) throw new CliError(`${resolved.origin !== undefined ? `${resolved.origin}: ` : ''}${problem}`);
        // the workload each variant will run must fit the target (its constraints, a hint's counts)
        for (const variant of resolved.variants) {
          const misfit = workloadProblem(resolved.target, workloadFor(resolved.target, variant, threads, ops));
          if (misfit !== undefined) throw new CliError(`${resolved.origin !== undefined ? `${resolved.origin}: ` : ''}${resolved.target.name}:${variant}${threads !== undefined ? ` --threads ${threads}` : ''}${ops !== undefined ? ` --ops ${ops}` : ''}: ${misfit}`);
        }
      }
      const runs = runsFlag ?? (timeS !== undefined ? Number.POSITIVE_INFINITY : strategy === 'dfs' ? undefined : DEFAULT_CLI_RUNS);
      const variantCount = selection.reduce((n, r) => n + r.variants.length, 0);
      const perVariantMs = timeS === undefined ? undefined : (timeS * 1000) / variantCount;

      const runawayMs = intFlag('--runaway-ms', flags.runawayMs, 10);
      // target code runs in this thread: the guard stops a thread that never yields (issue 10)
      const guard = commandGuard(runawayMs);
      const results: RunJson[] = [];
      try {
        for (const resolved of selection) for (const variant of resolved.variants) {
          const vs = resolved.target.variants.find((v) => v.name === variant)!;
          // an async target runs JavaScript, which is sequentially consistent: sc only
          const mem = isAsync(resolved.target) ? 'sc' : memory ?? ('defaultMemory' in vs ? vs.defaultMemory : undefined) ?? 'sc';
          const t0 = now();
          const beats0 = guard?.beats() ?? 0;
          let r: Awaited<ReturnType<typeof explore>>;
          let shown: Awaited<ReturnType<typeof showFinding>>[];
          try {
            const opts = {
              target: resolved.target, variant, memory: mem, strategy, seed,
              ...(resolved.ref.kind === 'file' ? { targetModule: resolved.ref.module } : {}),
              ...(runs !== undefined ? { runs } : {}),
              ...(perVariantMs !== undefined ? { timeMs: perVariantMs, now } : {}),
              ...(preemptions !== undefined ? { preemptions } : {}),
              ...(flags.por === true ? { reduction: true } : {}),
              ...(threads !== undefined ? { threads } : {}),
              ...(ops !== undefined ? { ops } : {}),
              generateWorkloads: true,
            };
            r = guard ? await guard.run(() => explore(opts, { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) })) : await explore(opts);
            const engine = guard ? guardedEngine(guard) : undefined;
            const found = r;
            shown = await Promise.all(r.findings.map((f) => showFinding(f, { target: resolved.target, ...(resolved.ref.kind === 'file' ? { targetModule: resolved.ref.module } : {}), variant, memory: mem, strategy, seed, result: found }, flags.shrink !== false, engine)));
          } catch (e) {
            // a mistake in the target (setup threw, a body is no generator): exit 2 naming its file and export
            if (e instanceof TargetError && resolved.origin !== undefined) throw new TargetError(`${resolved.origin}: ${e.message}`);
            throw guardFailure(e, `${resolved.target.name}:${variant} (${mem})`, `execution ${Math.max(0, (guard?.beats() ?? 0) - beats0 - 1)}, seed ${seed}`) ?? e;
          }
          const j = runJson({ target: resolved.target.name, variant, memory: mem, strategy, seed, expected: expectationOf(resolved.target, variant, mem) ?? 'clean', elapsedMs: Math.round(now() - t0) }, r, shown.map((x) => x.json));
          results.push(j);
          say(`== ${j.target}:${j.variant}  memory ${j.memory}  strategy ${j.strategy}  seed ${j.seed}${flags.seed === undefined ? ' (default)' : ''}  workload ${r.generated ?? formatWorkload(r.workload)}\n`);
          say(`${runHeadline(j)}\n`);
          if (shown.length > 0) {
            const f = shown[0];
            say(`\n${formatInterleaving(f.outcome)}\n`);
            say(`replay: npx lockstep replay ${f.json.replay}\n`);
          } else if (j.residualRisk !== undefined) {
            say(`residual risk: ${j.residualRisk}\n`);
          }
          say('\n');
        }
        const bugs = results.filter((r) => r.findings.length > 0).length;
        // the junit.xml rule (cell-verdict.ts): an unexpected finding or a missed expectation
        const unexpected = results.filter((r) => !r.verdict.pass);
        const what = selection.length === 1 ? `${selection[0]!.target.name}` : `${selection.length} targets`;
        const overall = `${results.length} variants of ${what}: ${bugs} with a bug, ${results.length - bugs} clean; ${unexpected.length} differ from the expectation${unexpected.length > 0 ? ` (${unexpected.map((r) => `${r.target}:${r.variant} ${r.memory}`).join(', ')})` : ''}\n`;
        if (results.length > 1) say(overall);
        emitReports(reporters.filter((r) => !(r.name === 'default' && r.file === undefined)), (spec) => {
          switch (spec.name) {
            case 'json': return `${JSON.stringify(runOutput(strategy, seed, results), null, 2)}\n`;
            case 'junit': return renderJunit(runJunitCases(results));
            case 'github': return renderGithubAnnotations(runJunitCases(results));
            default: return textParts.join('');
          }
        }, io);
        io.exitCode = flags.expect ? (unexpected.length > 0 ? 1 : 0) : bugs > 0 ? 1 : 0;
      } finally {
        await guard?.dispose();
      }
    });
}
