import { isAsyncTarget } from '../async/async-target';
import { checkHistory } from '../checker';
import type { CheckHistoryFn } from '../checker/checker-api';
import { withDeterminismCheck } from '../async/execute-target';
import { firstDivergence, uncontrolledNondeterminism } from '../async/determinism';
import type { ExecutionOptions } from '../runtime/execution-options';
import { isPromiseLike, type ExecuteFn } from '../runtime/execute-fn';
import type { ExecutionOutcome } from '../runtime/outcome';
import { BoundedDfsStrategy } from '../strategy/bounded-dfs';
import { BoundedPorStrategy } from '../strategy/bounded-por';
import { createStrategy } from '../strategy/create-strategy';
import { PctStrategy } from '../strategy/pct';
import { PortfolioStrategy } from '../strategy/portfolio';
import { ReplayStrategy } from '../strategy/replay';
import type { Strategy } from '../strategy/strategy';
import { workloadFor } from './default-workload';
import type { ExploredFinding, ExploreOptions, ExploreResult, PctBoundSummary } from './explore-options';
import { judgeOutcome } from './judge-outcome';
import { mergeKnobs } from './merge-knobs';
import { encodeReplayToken } from './replay-token';
import { describeGenerated, GeneratedWorkloads, pinsWorkload } from './generated-workloads';

/** Executions per exploration unless `runs` says otherwise (dfs: until exhausted, at most this). */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_DFS_RUNS = 1_000_000;
/** Default dfs preemption bound K. */
export const DEFAULT_PREEMPTIONS = 2;
/** Default PCT depth d. */
export const DEFAULT_PCT_DEPTH = 3;

/** Seams for tests: the engine and the checker. */
export interface ExploreDeps {
  readonly execute?: ExecuteFn;
  readonly check?: CheckHistoryFn;
}

/**
 * Explore one target variant: run executions under the chosen strategy until a finding
 * (stopAtFirst), the run budget, the time budget or exhaustion (dfs). Each execution is judged
 * by the engine's oracles and, when the engine says 'ok' and the target has a spec, by the
 * linearizability checker. A failing execution is re-run through the replay strategy with
 * tracing on, and gets a self-contained replay token. Deterministic given the options (the
 * time budget aside).
 */
export async function explore(o: ExploreOptions, deps: ExploreDeps = {}): Promise<ExploreResult> {
  const execute: ExecuteFn = deps.execute ?? withDeterminismCheck();
  const check = deps.check ?? checkHistory;
  const target = o.target;
  const workload = o.workload ?? workloadFor(target, o.variant, o.threads, o.ops);
  const knobs = mergeKnobs(target, o.variant, o.memory, o.knobs);
  const maxSteps = o.maxSteps ?? target.maxSteps ?? 2000;
  const reductionNote = o.strategy === 'dfs' && o.reduction === true ? reductionProblem(o) : undefined;
  const strategy = buildStrategy(reductionNote === undefined ? o : { ...o, reduction: false }, maxSteps);
  const runs = o.runs ?? (o.strategy === 'dfs' ? DEFAULT_DFS_RUNS : DEFAULT_RUNS);
  const stopAtFirst = o.stopAtFirst ?? true;
  const base = { target, variant: o.variant, workload, memory: o.memory, knobs, maxSteps };
  const generated = o.generateWorkloads === true && !pinsWorkload(target, o.variant, o) ? new GeneratedWorkloads(target.workload, o.seed) : undefined;
  const t0 = o.now?.();

  const findings: ExploredFinding[] = [];
  const signatures = new Set<string>();
  let executions = 0;
  let steps = 0;
  let inconclusive = 0;
  let checkUnknown = 0;
  let stoppedBy: ExploreResult['stoppedBy'] = 'runs';
  for (let i = 0; i < runs; i++) {
    if (o.timeMs !== undefined && o.now !== undefined && t0 !== undefined && o.now() - t0 >= o.timeMs) {
      stoppedBy = 'time';
      break;
    }
    if (!strategy.beginExecution(i)) {
      stoppedBy = 'exhausted';
      break;
    }
    const run = generated === undefined ? base : { ...base, workload: generated.at(i) };
    const pending = execute({ ...run, strategy });
    // only an async target's execution is a promise: the generator path stays microtask-free
    const raw = isPromiseLike(pending) ? await pending : pending;
    const judged = judgeOutcome(target, raw, check, run);
    const outcome = judged.outcome;
    strategy.endExecution({ steps: raw.steps, decisions: raw.decisions, failed: outcome.finding !== undefined });
    executions++;
    steps += raw.steps;
    if (judged.checkUnknown) checkUnknown++;
    if (outcome.verdict === 'inconclusive') inconclusive++;
    if (outcome.finding === undefined) continue;
    const f = outcome.finding;
    const sig = `${f.kind}|${f.locations.join(',')}|${f.message.split('\n')[0]}`;
    if (signatures.has(sig)) continue;
    signatures.add(sig);
    const traced = o.traceFindings === false ? outcome : await retrace(run, outcome, execute, check);
    const replay = encodeReplayToken({ target: target.name, ...(o.targetModule !== undefined ? { targetModule: o.targetModule } : {}), variant: o.variant, memory: o.memory, knobs, workload: run.workload, decisions: outcome.decisions, maxSteps });
    findings.push({ outcome: traced, execution: i, replay, workload: run.workload });
    if (stopAtFirst) {
      stoppedBy = 'finding';
      break;
    }
  }
  if (stoppedBy === 'runs' && strategy.exhausted()) stoppedBy = 'exhausted';
  return {
    executions,
    steps,
    exhausted: strategy.exhausted(),
    inconclusive,
    findings,
    workload,
    ...(generated !== undefined ? { generated: describeGenerated(target.workload) } : {}),
    strategyName: strategy.name,
    stoppedBy,
    checkUnknown,
    maxSteps,
    knobs,
    ...(o.strategy === 'dfs' && o.reduction === true ? { reduction: reductionNote === undefined ? { used: true } : { used: false, note: reductionNote } } : {}),
    ...strategyReport(strategy),
  };
}

function buildStrategy(o: ExploreOptions, maxSteps: number): Strategy {
  // leave half of the step bound to the fair continuation so hangs can still be judged
  const prefixLimit = Math.max(1, Math.floor(maxSteps / 2));
  switch (o.strategy) {
    case 'default':
      return createStrategy({ kind: 'default', seed: o.seed, prefixLimit });
    case 'random':
      return createStrategy({ kind: 'random', seed: o.seed, prefixLimit });
    case 'pct':
      return createStrategy({ kind: 'pct', seed: o.seed, depth: o.preemptions ?? DEFAULT_PCT_DEPTH, prefixLimit });
    case 'pos':
      return createStrategy({ kind: 'pos', seed: o.seed, prefixLimit });
    case 'urw':
      return createStrategy({ kind: 'urw', seed: o.seed, prefixLimit });
    case 'dfs':
      // the reduced search runs bound K only (not 0..K in turn): a verdict needs the whole
      // bounded space anyway, and the fewest preemptions of a finding come from shrinking
      return createStrategy({ kind: 'dfs', preemptions: o.preemptions ?? DEFAULT_PREEMPTIONS, reduction: o.reduction ?? false, iterative: false });
  }
}

/** Re-run a failing execution with tracing on (replay of its decision log) to attach the trace. */
async function retrace(
  base: Omit<ExecutionOptions, 'strategy'>,
  outcome: ExecutionOutcome,
  execute: ExecuteFn,
  check: CheckHistoryFn,
): Promise<ExecutionOutcome> {
  const replay = new ReplayStrategy(outcome.decisions);
  replay.beginExecution(0);
  const again = judgeOutcome(base.target, await execute({ ...base, strategy: replay, recordTrace: true }), check, base).outcome;
  replay.endExecution({ steps: again.steps, decisions: again.decisions, failed: again.finding !== undefined });
  // async targets: the replay must dispatch the identical events (uncontrolled nondeterminism otherwise)
  const d = outcome.events !== undefined && again.events !== undefined ? firstDivergence(outcome.events, again.events) : undefined;
  if (d !== undefined) throw uncontrolledNondeterminism(base.target.name, base.variant, d);
  if (again.finding?.kind === outcome.finding?.kind && again.finding?.message === outcome.finding?.message) {
    return { ...outcome, trace: again.trace };
  }
  const note = `note: re-running this execution with tracing did not reproduce it (got ${again.verdict}); the target may be nondeterministic`;
  return { ...outcome, finding: outcome.finding && { ...outcome.finding, details: [...(outcome.finding.details ?? []), note] } };
}

function strategyReport(s: Strategy): Pick<ExploreResult, 'schedulesPerBound' | 'complete' | 'pctBounds'> {
  if (s instanceof BoundedDfsStrategy || s instanceof BoundedPorStrategy) {
    const st = s.stats();
    return { schedulesPerBound: st.schedulesPerBound, complete: st.complete };
  }
  const members = s instanceof PortfolioStrategy ? s.pctMembers() : s instanceof PctStrategy ? [s] : [];
  const bounds: PctBoundSummary[] = [];
  for (const m of members) {
    const modes = m.runsByMode();
    const runs = modes.uniform + modes['lazy-flush'] + modes['random-flush'] + modes['lazy-all'];
    if (runs === 0) continue;
    const fraction = m.sawPseudoThreads() ? modes.uniform / runs : 1;
    bounds.push({ depth: m.depth, n: Math.max(1, m.entities()), k: m.estimatedSteps(), runs, ...(fraction < 1 ? { fraction } : {}) });
  }
  return bounds.length > 0 ? { pctBounds: bounds } : {};
}

/** Why partial-order reduction cannot run for these options (the plain search runs instead), or undefined. */
function reductionProblem(o: ExploreOptions): string | undefined {
  if (isAsyncTarget(o.target)) return 'partial-order reduction is not available for async targets: plain bounded search ran';
  if (o.memory === 'arm64-lite') return 'partial-order reduction does not support arm64-lite yet (read choices and the commit order are not in its dependency relation): plain bounded search ran';
  return undefined;
}
