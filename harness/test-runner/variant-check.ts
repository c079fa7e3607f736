import { explore } from '../explore/explore';
import type { ExploreOptions } from '../explore/explore-options';
import { guardedEngine } from '../fuzz/guarded-engine';
import type { RunawayGuard } from '../runaway/runaway-guard';
import { withRunawayGuard } from './test-guard';
import { encodeReplayToken } from '../explore/replay-token';
import { shrinkFound } from '../fuzz/shrink-finding';
import type { MemoryModelName } from '../memory/memory-model';
import { cellVerdict } from '../report/cell-verdict';
import { formatInterleaving } from '../report/interleaving-table';
import type { Expectation } from '../target/target';
import { expectationOf, type AnyTarget } from '../target/any-target';
import { executeTarget, withDeterminismCheck } from '../async/execute-target';

/** Budget and seed of one variant check. */
export interface VariantCheckOptions {
  /** Executions (default 2000; LOCKSTEP_TEST_RUNS, when set, overrides it for every test). */
  readonly runs?: number;
  /** Seed of the strategy portfolio (default 1). */
  readonly seed?: number;
  /** Module the target comes from, relative to the project root: makes the printed replay command work from the shell. */
  readonly module?: string;
  /** An execution whose thread does not yield for this long stops the test as a mistake in the target (ms, default 10000). */
  readonly runawayMs?: number;
}

/** The failing run a check shows: shrunk, with its interleaving and how to replay it. */
export interface CheckedFinding {
  readonly kind: string;
  readonly message: string;
  readonly preemptions: number;
  /** The interleaving table of the (shrunk) run. */
  readonly interleaving: string;
  /** `npx lockstep replay ls1...`. */
  readonly replay: string;
}

/** Whether a variant behaves as declared under one memory model. */
export interface VariantCheck {
  readonly target: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly expected: Expectation;
  /** True when the variant behaved as expected (the junit.xml rule: cell-verdict.ts). */
  readonly pass: boolean;
  readonly executions: number;
  readonly seed: number;
  /** The first finding, shrunk (when there is one). */
  readonly finding?: CheckedFinding;
  /** A readable account: the verdict, and for a failure the interleaving and the replay command. */
  readonly message: string;
}

/** Executions per check when neither LOCKSTEP_TEST_RUNS nor `runs` says otherwise. */
export const DEFAULT_TEST_RUNS = 2000;

/**
 * Explore one variant of `target` under `memory` with the default strategy portfolio and
 * judge it against the variant's expectation by the rule junit.xml and `--expect` use: an
 * expected-clean variant must show nothing; an expected bug must show some finding. The
 * first finding is shrunk like `lockstep fuzz` does, and comes with its interleaving table
 * and replay command. Deterministic given the seed and budget.
 */
export async function checkVariant(target: AnyTarget, variant: string, memory: MemoryModelName, o: VariantCheckOptions = {}): Promise<VariantCheck> {
  const spec = target.variants.find((v) => v.name === variant);
  if (spec === undefined) throw new Error(`target '${target.name}' has no variant '${variant}' (variants: ${target.variants.map((v) => v.name).join(', ')})`);
  const expected = expectationOf(target, spec.name, memory)!;
  // the environment overrides the test file, as a nightly job raises every budget at once
  const runs = envRuns() ?? o.runs ?? DEFAULT_TEST_RUNS;
  const seed = o.seed ?? 1;
  return withRunawayGuard(o.runawayMs, (guard) => checkGuarded(target, variant, memory, o, expected, runs, seed, guard));
}

async function checkGuarded(target: AnyTarget, variant: string, memory: MemoryModelName, o: VariantCheckOptions, expected: Expectation, runs: number, seed: number, guard: RunawayGuard | undefined): Promise<VariantCheck> {
  const opts: ExploreOptions = {
    target, variant, memory, strategy: 'default', seed, runs,
    ...(o.module !== undefined ? { targetModule: o.module } : {}),
    // an expected bug passes with any finding (the junit rule), so the first one ends the search either way
    stopAtFirst: true,
  };
  const r = guard ? await guard.run(() => explore(opts, { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) })) : await explore(opts);
  const findings = r.findings.map((f) => ({ kind: f.outcome.finding!.kind, message: f.outcome.finding!.message }));
  const verdict = cellVerdict({ expected, executions: r.executions, findings });
  const first = r.findings.find((f) => f.outcome.finding!.kind === expected) ?? r.findings[0];
  let finding: CheckedFinding | undefined;
  if (first !== undefined) {
    const maxSteps = r.maxSteps ?? target.maxSteps ?? 2000;
    const s = await shrinkFound({ target, variant, memory, ...(r.knobs ? { knobs: r.knobs } : {}), workload: r.workload, outcome: first.outcome, maxSteps, strategy: 'default', seed, execution: first.execution }, guard ? { engine: guardedEngine(guard) } : {});
    const shown = s.reproduced ? s.outcome : first.outcome;
    const replay = s.reproduced
      ? encodeReplayToken({ target: target.name, ...(o.module !== undefined ? { targetModule: o.module } : {}), variant, memory, knobs: r.knobs ?? {}, workload: s.run.workload, decisions: s.run.decisions, maxSteps })
      : first.replay;
    finding = {
      kind: shown.finding?.kind ?? first.outcome.finding!.kind,
      message: shown.finding?.message ?? first.outcome.finding!.message,
      preemptions: shown.preemptions,
      interleaving: formatInterleaving(shown),
      replay: `npx lockstep replay ${replay}`,
    };
  }
  const head = `${target.name}:${variant} under ${memory}: ${verdict.message} (${r.executions} executions, seed ${seed})`;
  const message = verdict.pass || finding === undefined
    ? head
    : `${head}\n\n${finding.kind}: ${finding.message}\nshrunk run: ${finding.preemptions} preemption${finding.preemptions === 1 ? '' : 's'}\n\n${finding.interleaving}\nreplay: ${finding.replay}${o.module === undefined ? '\n(the token names the target only; pass `module` so that it replays from the shell)' : ''}`;
  return { target: target.name, variant, memory, expected, pass: verdict.pass, executions: r.executions, seed, ...(finding ? { finding } : {}), message };
}

function envRuns(): number | undefined {
  const v = process.env.LOCKSTEP_TEST_RUNS;
  return v !== undefined && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}
