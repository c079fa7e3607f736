/**
 * lockstep's public API: `import { ... } from 'lockstep'` (CommonJS and ESM alike). Everything
 * a user needs is here; the built-in targets import only this barrel too (a test enforces it).
 *
 * 1. Writing a target: the model types (Target, VariantSpec, ThreadApi, cells, memory knobs),
 *    and workload helpers that record the history and check the critical section of a mutex,
 *    reader-writer lock, semaphore or barrier, so a user writes only the lock.
 * 2. Running from code: explore one target, run a campaign, replay a token or a corpus entry,
 *    check a recorded history, print an interleaving.
 * 3. Loading targets and projects: target modules, CLI-style target selection, project root.
 *
 * Test-runner integrations are subpaths: `lockstep/jest`, `lockstep/vitest`, `lockstep/node-test`.
 */

// ---- 1. writing a target ------------------------------------------------------------------
export type { Cell, CellAllocator, MemoryOrder, ValueFormatter } from './memory/cell';
export type { MemoryKnobs, MemoryModelName } from './memory/memory-model';
// memory models: sc, tso and arm64-lite (docs/memory-models.md); the one list, and each model's knob defaults
export { DEFAULT_MEMORY_KNOBS, defaultMemoryKnobs, isMemoryModelName, MEMORY_MODELS } from './memory/memory-model';
export type { FutexWaitResult, IpiHandler, Prim, PvWaitResult, StepRequest, ThreadApi, ThreadBody } from './runtime/thread-api';
export type { Expectation, Expectations, Instance, SetupEnv, Target, ThreadSpec, VariantSpec, Workload, WorkloadShape } from './target/target';
// a variant's expectation under a model (arm64-lite falls back to tso when not stated)
export { expectationUnder, statesExpectation } from './target/expectation';
export type { AnyTarget } from './target/any-target';
export type { JsonValue } from './target/json-value';
export type { AsyncOp, AsyncTarget, AsyncVariantSpec, Capacity } from './async/async-target';
export { isAsyncTarget } from './async/async-target';
export { fc } from './async/fast-check';
export type { CallOptions, EnterOptions, TaskApi } from './async/task-api';
export { opArg, formatWorkload } from './target/workload-args';
export { defineTarget } from './target/define-target';
export { isTarget } from './target/is-target';
export { TargetError } from './target/target-error';
export { targetDeclarationProblem } from './target/target-shape';

// workload helpers: the lock is yours, the workload (history, critical section, checks) is lockstep's
export type { BarrierImpl, MutexImpl, Peek, RwLockImpl, SemaphoreImpl } from './workloads/lock-models';
export { mutexInstance, type MutexWorkloadOptions } from './workloads/mutex-workload';
export { rwlockInstance, RWLOCK_OP_KINDS, type RwLockWorkloadOptions } from './workloads/rwlock-workload';
export { semaphoreInstance, SEMAPHORE_OP_KINDS, type SemaphoreWorkloadOptions } from './workloads/semaphore-workload';
export { barrierInstance, type BarrierWorkloadOptions } from './workloads/barrier-workload';
export {
  barrierTarget, mutexTarget, rwlockTarget, semaphoreTarget,
  type BarrierTargetSpec, type LockTargetSpec, type LockVariant, type MutexTargetSpec, type SemaphoreTargetSpec, type WorkloadRange,
} from './workloads/lock-target';
export { checkOpKinds, checkThreads, readerWriterRole } from './workloads/workload-ops';
export { expectation, pickVariant } from './workloads/variant-helpers';

// authoring power (issue 8): node pools, early wake-ups, workload constraints, spec from the workload, hints
export type { NodeCells, NodePool } from './memory/node-pool';
export type { SleepResult, WaitOptions } from './runtime/thread-api';
export type { WorkloadHint } from './target/target';
export type { TargetSpec } from './target/spec-for';
export { specFor } from './target/spec-for';
export type { WorkloadConstraint } from './target/workload-constraint';
export { constrain, constraintProblem } from './target/workload-constraint';
export type { CountRange, ThreadsDoing } from './target/workload-constraints';
export { needsPrior, opsOfKind, sameOpCount, threadsDoing } from './target/workload-constraints';
export { workloadProblem } from './target/workload-problem';

// ---- 2. running from code -----------------------------------------------------------------
export { explore, DEFAULT_RUNS, DEFAULT_PREEMPTIONS, DEFAULT_PCT_DEPTH, type ExploreDeps } from './explore/explore';
export type { ExploreOptions, ExploreResult, ExploredFinding, PctBoundSummary, StrategyName } from './explore/explore-options';
export { defaultWorkload, workloadFor } from './explore/default-workload';
export { fuzz, type FuzzFinding, type FuzzOptions, type FuzzResult, type FuzzTargetInput } from './api/fuzz';
export { shrinkFound, type FoundRun, type ShrinkFoundOptions } from './fuzz/shrink-finding';
export type { ShrinkResult } from './fuzz/fuzz-types';
export { decodeReplayToken, encodeReplayToken, ReplayTokenError, REPLAY_TOKEN_PREFIX, type ReplayRecord } from './explore/replay-token';
export { replayRecording, type RecordingReplay, type RecordingReplayStatus } from './corpus/replay-recording';
export { replayEntry, replayEachPath, replayPath, type CorpusReplayDeps, type PathReplay } from './corpus/replay-corpus';
export { stillFails, type CorpusReplayResult, type CorpusReplayStatus } from './corpus/corpus-replay-result';
export type { CorpusEntry, CorpusFinding, CorpusFindingKind, CorpusProvenance } from './corpus/corpus-entry';
export { loadCorpus, loadEntryFile, saveEntry, entryPath, type LoadedEntry, type SavedEntry } from './corpus/corpus-store';
export { decodeEntry, decodeEntryText, encodeEntry } from './corpus/corpus-codec';
export { entryHash } from './corpus/entry-hash';
export { CorpusError } from './corpus/corpus-error';
export type { ExecutionOutcome, Finding, FindingKind, StuckThread, TraceEntry, Verdict } from './runtime/outcome';
export { formatInterleaving, formatFinding, type InterleavingOptions } from './report/interleaving-table';
export type { CampaignReport, CellReport, ReportedFinding } from './report/campaign-report';
export { checkHistory, resolveSpec, specNames, CheckInputError, UnknownSpecError } from './checker';
export type { CheckBudget, CheckOptions, CheckResult, CheckVerdict, SequentialSpec } from './checker';
export { parseHistory, type HistoryFormat, type Operation, type ParsedHistory } from './history';
export { createSchemaValidator, SCHEMA_NAMES, type SchemaName, type SchemaValidator } from './report/json-schemas';

// test-runner core (the adapters are the subpaths lockstep/jest, lockstep/vitest, lockstep/node-test)
export { checkVariant, DEFAULT_TEST_RUNS, type CheckedFinding, type VariantCheck, type VariantCheckOptions } from './test-runner/variant-check';
export { checkCorpusEntry, corpusEntriesOf, type CorpusCheck } from './test-runner/corpus-check';
export { lockstepSuite, type LockstepCase, type LockstepSuite, type LockstepTestOptions } from './test-runner/lockstep-suite';
export { lockstepMatchers, type LockstepMatchers, type MatcherResult } from './test-runner/matchers';
export { LockstepTestFailure } from './test-runner/lockstep-test-failure';

// ---- 3. loading targets and projects ------------------------------------------------------
export { loadTargetModule, TARGET_MODULE_EXTENSIONS, type LoadedTargetModule } from './target/load-target-module';
export { selectTargets, looksLikeTargetFile, type SelectContext, type TargetSelection } from './project/select-targets';
export { builtinTargets } from './target/builtin-targets';
export { findProjectRoot, CONFIG_FILE_NAMES, type ProjectRoot } from './project/project-root';
export { defineConfig, validateConfig, type CommandBudget, type LockstepConfig } from './project/config';
export { loadProjectConfig, loadConfigFile, type ProjectConfig } from './project/load-config';
export { ConfigError } from './project/config-error';
export type { RecordedTarget, TargetRef } from './target/target-ref';
export { recordedTargetResolver, type RecordedTargetLookup, type RecordedTargetResolver } from './project/recorded-target-resolver';
export { HARNESS_VERSION } from './cli/main';
