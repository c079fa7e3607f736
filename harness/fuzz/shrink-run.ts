import { findingSignature } from '../corpus/finding-signature';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { Arbitrary } from 'fast-check';
import { jsonWeight, type JsonValue } from '../target/json-value';
import type { AnyTarget } from '../target/any-target';
import type { Workload, WorkloadShape } from '../target/target';
import { defaultArg, opArg, rowsOf, withOp, withoutOp, withoutThread, workloadOf } from '../target/workload-args';
import { constrain } from '../target/workload-constraint';
import type { FuzzEngine } from './fuzz-engine';
import type { RunRecord, ShrinkResult, ShrinkSpec } from './fuzz-types';
import { replayableLog } from '../strategy/replayable-log';
import { RecordingStrategy, ScriptStrategy, dropThread, keepAt, type ScriptEntry } from './choice-script';
import type { MinimalityNote } from '../corpus/corpus-entry';
import { DEFAULT_MINIMAL_BUDGET, searchMinimal } from './minimal-search';

/** Executions the log shrink may spend on the run the minimal search found (its log is a full schedule). */
const LOG_SHRINK_AFTER_SEARCH = 400;

/**
 * A candidate of the shrinker: a workload and either a decision log (replayed by the
 * decisions strategy) or a script (followed by thread identity, for workload edits).
 */
interface Candidate {
  readonly workload: Workload;
  readonly decisions?: readonly number[];
  readonly script?: readonly ScriptEntry[];
}

/**
 * Joint, deterministic shrinking of a failing run (issue 5): fewer threads, fewer operations,
 * simpler operation kinds (every candidate workload fitted to the target's constraints, or
 * skipped when it cannot be), smaller operation arguments (fast-check's own shrinker of each
 * kind's argument arbitrary), then a shorter decision log with fewer preemptions (delta
 * debugging, Zeller & Hildebrandt 2002, over the log: cut the tail, delete chunks, zero
 * chunks — a 0 keeps the current thread, so zeros remove preemptions — and lower values).
 * Every candidate is replayed with the decisions strategy; it is accepted when it shows the
 * same finding signature, is strictly smaller by (threads, operations, preemptions, kinds,
 * log length, log sum), and never has more preemptions or a longer log than the original run.
 * An accepted candidate's log is replaced by the log the run actually made, so later passes
 * work on an exact replay. fast-check's own scheduler cannot do this: it does not shrink schedules.
 * Last, bounded DFS over the shrunk workload looks for a schedule with fewer preemptions
 * (minimal-search.ts), so the run shown is minimal whenever `tuning.minimalBudget` allows.
 */
export async function shrinkRun(spec: ShrinkSpec, target: AnyTarget, engine: FuzzEngine): Promise<ShrinkResult> {
  const { task, finding, tuning } = spec;
  const budget = tuning.shrinkBudget;
  const minThreads = Math.max(1, target.workload.threads.min);
  const minOps = Math.max(0, target.workload.opsPerThread.min);
  const kinds = target.workload.opKinds;
  const shape = target.workload;
  const constrained = (shape.constraints?.length ?? 0) > 0;
  let executions = 0;
  let accepted = 0;

  let lastScript: ScriptEntry[] = [];
  const run = async (c: Candidate, trace: boolean): Promise<ExecutionOutcome> => {
    const inner = c.script ? new ScriptStrategy(c.script) : engine.strategy({ kind: 'decisions', decisions: c.decisions ?? [] });
    const strategy = new RecordingStrategy(inner);
    strategy.beginExecution(0);
    executions++;
    const outcome = await engine.execute({
      target, variant: task.variant, memory: task.memory, knobs: task.knobs, workload: c.workload, strategy,
      maxSteps: tuning.maxSteps, recordTrace: trace,
    });
    strategy.endExecution({ steps: outcome.steps, decisions: outcome.decisions, failed: outcome.finding !== undefined });
    lastScript = strategy.script;
    return outcome;
  };
  const sameBug = (o: ExecutionOutcome): boolean => o.finding !== undefined && findingSignature(o.finding) === finding.signature;

  const original = finding.run;
  let best: RunRecord = original;
  let bestKey = sizeKey(best, kinds);
  const size = (r: RunRecord): number[] => sizeKey(r, kinds);
  // the raw run must replay from its log before we shrink it (else keep it as found)
  const first = await run({ workload: original.workload, decisions: original.decisions }, false);
  const reproducible = sameBug(first);
  let bestScript: readonly ScriptEntry[] = lastScript;
  if (reproducible) {
    best = { workload: original.workload, decisions: replayableLog(first.decisions), preemptions: first.preemptions, steps: first.steps };
    bestKey = size(best);
  }

  // limits of an accepted candidate: never more preemptions or a longer log than the run we started from
  let maxPreemptions = original.preemptions;
  let maxLog = original.decisions.length;
  let execLimit = budget;
  /** Try a candidate (fitted to the shape's constraints first); adopt it when it is a smaller run of the same bug. */
  const attempt = async (candidate: Candidate): Promise<boolean> => {
    if (executions >= execLimit) return false;
    // shrink only within the target's constraints (WorkloadShape.constraints)
    const fitted = constrain(shape, candidate.workload);
    if (fitted === undefined) return false;
    const c = fitted === candidate.workload ? candidate : { ...candidate, workload: fitted };
    const o = await run(c, false);
    if (!sameBug(o)) return false;
    const rec: RunRecord = { workload: c.workload, decisions: replayableLog(o.decisions), preemptions: o.preemptions, steps: o.steps };
    if (rec.preemptions > maxPreemptions || rec.decisions.length > maxLog) return false;
    const key = size(rec);
    if (compareKeys(key, bestKey) >= 0) return false;
    best = rec;
    bestKey = key;
    bestScript = lastScript;
    accepted++;
    return true;
  };

  while (reproducible && executions < budget) {
    const before = accepted;
    // 1. fewer threads (last ones first: they usually joined the race last)
    // (the schedule follows the remaining threads by identity; the raw log is the fallback)
    for (let t = best.workload.ops.length - 1; t >= 0 && best.workload.ops.length > minThreads; t--) {
      const workload = withoutThread(best.workload, t);
      if (!(await attempt({ workload, script: dropThread(bestScript, t) }))) await attempt({ workload, decisions: best.decisions });
    }
    // 2. fewer operations
    for (let t = 0; t < best.workload.ops.length; t++) {
      for (let j = best.workload.ops[t].length - 1; j >= 0 && best.workload.ops[t].length > minOps; j--) {
        const workload = withoutOp(best.workload, t, j);
        if (!(await attempt({ workload, script: bestScript }))) await attempt({ workload, decisions: best.decisions });
      }
    }
    // 2b. with constraints (e.g. the same number of rounds per thread), one operation of
    //     every thread at once: dropping it from one thread alone would be fixed back
    if (constrained) {
      const longest = Math.max(0, ...best.workload.ops.map((r) => r.length));
      for (let j = longest - 1; j >= 0; j--) {
        const workload = workloadOf(rowsOf(best.workload).map((row) => row.filter((_, k) => k !== j)));
        if (workload.ops.some((r) => r.length < minOps) || workload.ops.every((r, i) => r.length === best.workload.ops[i]!.length)) continue;
        if (!(await attempt({ workload, script: bestScript }))) await attempt({ workload, decisions: best.decisions });
      }
    }
    // 3. simpler operation kinds (earlier in the shape's list)
    for (let t = 0; t < best.workload.ops.length; t++) {
      for (let j = 0; j < best.workload.ops[t].length; j++) {
        const k = kinds.indexOf(best.workload.ops[t][j]);
        for (let simpler = 0; simpler < k; simpler++) {
          const workload = withOp(best.workload, t, j, kinds[simpler], defaultArg(shape, kinds[simpler], t * 64 + j));
          if (await attempt({ workload, decisions: best.decisions })) break;
        }
      }
    }
    // 3b. smaller arguments
    await shrinkArgs(shape, () => best, attempt);
    // 4. the decision log: cut the tail, delete chunks, zero chunks, lower single values
    await shrinkLog(() => best, attempt);
    // 5. drop single preemptions by thread identity: the rest of the schedule still names
    //    the same threads, where a zero in the log would shift every later index
    for (let i = bestScript.length - 1; i >= 0; i--) {
      if (i < bestScript.length && bestScript[i].preempts) await attempt({ workload: best.workload, script: keepAt(bestScript, i) });
    }
    if (accepted === before) break;
  }
  // 6. minimal by construction: bounded DFS over the shrunk workload at K = 0 .. preemptions-1
  let minimal: MinimalityNote | undefined;
  const minimalBudget = tuning.minimalBudget ?? DEFAULT_MINIMAL_BUDGET;
  if (reproducible && minimalBudget > 0) {
    const m = await searchMinimal({
      target, workload: best.workload, preemptions: best.preemptions, sameBug, budget: minimalBudget,
      request: { variant: task.variant, memory: task.memory, knobs: task.knobs, maxSteps: tuning.maxSteps },
    }, engine);
    executions += m.note.executions;
    minimal = m.note;
    if (m.run !== undefined) {
      // adopt the search's run (its log is a full schedule), then shorten its log without
      // giving back a preemption: cut the tail to the fair continuation, drop chunks
      best = m.run;
      bestKey = size(best);
      maxPreemptions = best.preemptions;
      maxLog = best.decisions.length;
      execLimit = executions + LOG_SHRINK_AFTER_SEARCH;
      await shrinkLog(() => best, attempt);
      if (best.preemptions <= minimal.atLeast) minimal = { ...minimal, proved: true };
    }
  }
  const traced = await run({ workload: best.workload, decisions: best.decisions }, true);
  const f = traced.finding && sameBug(traced) ? traced.finding : undefined;
  return {
    run: best,
    outcome: traced,
    message: f?.message ?? finding.message,
    locations: f ? [...f.locations] : [...finding.locations],
    reproduced: reproducible && f !== undefined,
    executions,
    steps: accepted,
    ...(minimal !== undefined ? { minimal } : {}),
  };
}

/** Delta-debugging passes over the decision log of the current best run. */
async function shrinkLog(best: () => RunRecord, attempt: (c: Candidate) => Promise<boolean>): Promise<void> {
  const with_ = (decisions: number[]): Candidate => ({ workload: best().workload, decisions });
  // cut the tail: the fair continuation takes over where the log ends
  for (let chunk = best().decisions.length; chunk >= 1; chunk = Math.floor(chunk / 2)) {
    while (chunk <= best().decisions.length && await attempt(with_(best().decisions.slice(0, best().decisions.length - chunk)))) { /* keep cutting */ }
  }
  // delete chunks, then zero chunks, from large to small
  for (let chunk = Math.max(1, Math.floor(best().decisions.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < best().decisions.length; start += chunk) {
      const d = best().decisions;
      if (await attempt(with_([...d.slice(0, start), ...d.slice(start + chunk)]))) start -= chunk;
    }
    for (let start = 0; start < best().decisions.length; start += chunk) {
      const d = best().decisions;
      let nonzero = false;
      for (let i = start; i < start + chunk && i < d.length; i++) if (d[i] !== 0) nonzero = true;
      if (!nonzero) continue;
      await attempt(with_(d.map((v, i) => (i >= start && i < start + chunk ? 0 : v))));
    }
    if (chunk === 1) break;
  }
  // lower single values toward 0
  for (let i = 0; i < best().decisions.length; i++) {
    for (let v = 1; v < best().decisions[i]; v++) {
      const d = [...best().decisions];
      d[i] = v;
      if (await attempt(with_(d))) break;
    }
  }
}

/**
 * Each operation's argument, shrunk by its kind's arbitrary (when it can shrink a value it did
 * not generate itself): the first smaller candidate that keeps the bug is taken, and the
 * argument is shrunk again from there, a bounded number of rounds per operation.
 */
async function shrinkArgs(shape: WorkloadShape, best: () => RunRecord, attempt: (c: Candidate) => Promise<boolean>): Promise<void> {
  if (shape.opArgs === undefined) return;
  for (let t = 0; t < best().workload.ops.length; t++) {
    for (let j = 0; j < best().workload.ops[t].length; j++) {
      for (let round = 0; round < 32; round++) {
        const w = best().workload;
        const arb = shape.opArgs[w.ops[t][j]] as Arbitrary<JsonValue> | undefined;
        const arg = opArg(w, t, j);
        if (arb === undefined || arg === null || !arb.canShrinkWithoutContext(arg)) break;
        let took = false;
        let tried = 0;
        for (const candidate of arb.shrink(arg, undefined)) {
          if (tried++ >= 16) break;
          if (await attempt({ workload: withOp(w, t, j, w.ops[t][j], candidate.value), decisions: best().decisions })) { took = true; break; }
        }
        if (!took) break;
      }
    }
  }
}

/**
 * Size of a run, compared lexicographically: threads, operations, preemptions, operation kinds
 * (earlier = simpler), argument sizes (jsonWeight), log length, log sum.
 */
export function sizeKey(r: RunRecord, kinds: readonly string[]): number[] {
  let ops = 0;
  let kindSum = 0;
  for (const row of r.workload.ops) {
    ops += row.length;
    for (const op of row) kindSum += Math.max(0, kinds.indexOf(op));
  }
  let argSum = 0;
  for (const row of r.workload.args ?? []) for (const a of row) argSum += jsonWeight(a);
  let sum = 0;
  for (const d of r.decisions) sum += d;
  return [r.workload.ops.length, ops, r.preemptions, kindSum, argSum, r.decisions.length, sum];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
