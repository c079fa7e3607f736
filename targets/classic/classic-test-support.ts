/**
 * Helpers of the classic targets' tests (no test runner dependency: they return data, the
 * tests assert). Bug hunts use the 'default' strategy with a fixed seed; correctness checks
 * use bounded exhaustive search (dfs by preemption count).
 */
import type { MemoryModelName } from '../../harness/memory/memory-model';
import { explore } from '../../harness/explore/explore';
import type { ExploreResult } from '../../harness/explore/explore-options';
import { replayExecution, type ReplayResult } from '../../harness/explore/replay-execution';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import type { Target, Workload } from '../../harness/target/target';
import { classicTargets } from './index';
import { probeOkStamping } from './ok-stamp-probe';
import { expectationUnder } from '../../harness/target/expectation';

/** Seed of every bug hunt in these tests. */
export const TEST_SEED = 20261121;

/** The classic target named `name` (throws when missing, so a rename fails the tests). */
export function classicTarget(name: string): Target {
  const t = classicTargets().find((x) => x.name === name);
  if (t === undefined) throw new Error(`no classic target '${name}'`);
  return t;
}

/** Size of a workload: explicit ops, or threads x ops of the target's default kinds. */
export interface WorkloadChoice {
  readonly workload?: Workload;
  readonly threads?: number;
  readonly ops?: number;
}

/** Hunt with the default strategy (portfolio) and a fixed seed; stops at the first finding. */
export function hunt(target: Target, variant: string, memory: MemoryModelName, w: WorkloadChoice = {}, runs = 5000): Promise<ExploreResult> {
  return explore({ target, variant, memory, strategy: 'default', seed: TEST_SEED, runs, ...w });
}

/** Bounded exhaustive search with `preemptions` = K; runs until the space is exhausted. */
export function exhaust(target: Target, variant: string, memory: MemoryModelName, preemptions: number, w: WorkloadChoice = {}): Promise<ExploreResult> {
  return explore({ target, variant, memory, strategy: 'dfs', seed: TEST_SEED, preemptions, runs: 2_000_000, ...w });
}

/** Replay a token the way `lockstep replay` does (decode, then replayExecution with its recorded knobs). */
export function replayToken(token: string): Promise<ReplayResult> {
  const r = decodeReplayToken(token);
  return replayExecution(classicTarget(r.target), r);
}

/** Variants of a target expected to show `kind` under `memory`. */
export function variantsExpecting(target: Target, memory: MemoryModelName, pred: (e: string) => boolean): string[] {
  return target.variants.filter((v) => pred(expectationUnder(v, memory))).map((v) => v.name);
}

/** What a bug hunt found, for the test's own extra assertions. */
export interface HuntReport {
  readonly result: ExploreResult;
  readonly kind: string;
  readonly message: string;
}

/**
 * Assert that the default strategy (fixed seed) finds the bug `variant` is declared to show
 * under `memory`, and that the finding's replay token reproduces the same kind, message
 * and decision log.
 */
export async function expectBugFoundAndReplayed(targetName: string, variant: string, memory: MemoryModelName, w: WorkloadChoice = {}): Promise<HuntReport> {
  const target = classicTarget(targetName);
  const spec = target.variants.find((v) => v.name === variant);
  if (spec === undefined) throw new Error(`${targetName} has no variant ${variant}`);
  const expected = expectationUnder(spec, memory);
  expect(expected).not.toBe('clean');
  const result = await hunt(target, variant, memory, w);
  expect(result.findings.length).toBe(1);
  const found = result.findings[0];
  const finding = found.outcome.finding!;
  expect(finding.kind).toBe(expected);
  const again = await replayToken(found.replay);
  expect(again.divergence).toBeUndefined();
  expect(again.outcome.verdict).toBe(expected);
  expect(again.outcome.finding?.message).toBe(finding.message);
  expect(again.outcome.decisions).toEqual(found.outcome.decisions);
  return { result, kind: finding.kind, message: finding.message };
}

/**
 * Assert that bounded exhaustive search with K = `preemptions` explores the whole bounded
 * space of `variant` under `memory` and finds nothing (no bug, no inconclusive run, no
 * history the checker left undecided; every history is checked against the target's spec).
 * Returns the number of schedules explored.
 */
export async function expectExhaustedClean(targetName: string, variant: string, memory: MemoryModelName, preemptions: number, w: WorkloadChoice = {}): Promise<number> {
  const target = classicTarget(targetName);
  const result = await exhaust(target, variant, memory, preemptions, w);
  expect(result.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
  expect(result.inconclusive).toBe(0);
  // Every history was decided by the checker (an undecided one is not evidence of a clean run).
  expect(result.checkUnknown).toBe(0);
  expect(result.exhausted).toBe(true);
  // A space of one schedule would mean the workload has no concurrency at all.
  expect(result.executions).toBeGreaterThan(1);
  return result.executions;
}

/**
 * Assert that bounded exhaustive search with K = `preemptions` finds the bug `variant` is
 * declared to show under `memory` (e.g. the store-buffering race of Peterson under tso),
 * i.e. the bug needs at most K preemptions/early flushes. Returns the schedules it took.
 */
export async function expectDfsFinds(targetName: string, variant: string, memory: MemoryModelName, preemptions: number, w: WorkloadChoice = {}): Promise<number> {
  const target = classicTarget(targetName);
  const spec = target.variants.find((v) => v.name === variant);
  const expected = spec === undefined ? undefined : expectationUnder(spec, memory);
  const result = await exhaust(target, variant, memory, preemptions, w);
  expect(result.findings.length).toBe(1);
  expect(result.findings[0].outcome.finding?.kind).toBe(expected);
  return result.executions;
}

/**
 * Assert that dfs with K = `preemptions` exhausts `variant` under `memory` with no finding
 * (as {@link expectExhaustedClean}) and that the space holds histories that the pre-fix
 * engine, stamping returns at ok(), would have called non-linearizable: the tso history
 * check is really exercised on buffered releases/writes. Returns both counts.
 */
export async function expectCleanWhereOkStampingFails(targetName: string, variant: string, memory: MemoryModelName, preemptions: number, workload: Workload): Promise<{ executions: number; rejectedAtOk: number }> {
  const { result, rejectedAtOk } = await probeOkStamping(classicTarget(targetName), variant, memory, preemptions, workload, TEST_SEED);
  expect(result.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
  expect(result.inconclusive).toBe(0);
  expect(result.checkUnknown).toBe(0);
  expect(result.exhausted).toBe(true);
  expect(rejectedAtOk).toBeGreaterThan(0);
  return { executions: result.executions, rejectedAtOk };
}
