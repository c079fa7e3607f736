/**
 * What a target imports: the model-facing types (targets, threads, cells, memory knobs).
 * Targets never import the runtime, strategies or memory implementations directly.
 */
export type { Cell, CellAllocator, MemoryOrder, ValueFormatter } from './memory/cell';
export type { MemoryKnobs, MemoryModelName } from './memory/memory-model';
export { DEFAULT_MEMORY_KNOBS } from './memory/memory-model';
export type { FutexWaitResult, IpiHandler, Prim, PvWaitResult, StepRequest, ThreadApi, ThreadBody } from './runtime/thread-api';
export type { Expectation, Instance, SetupEnv, Target, ThreadSpec, VariantSpec, Workload, WorkloadShape } from './target/target';
export type { JsonValue } from './target/json-value';
export type { AsyncOp, AsyncTarget, AsyncVariantSpec, Capacity } from './async/async-target';
export { isAsyncTarget } from './async/async-target';
export type { CallOptions, EnterOptions, TaskApi } from './async/task-api';

// ---- authoring power (issue 8): node pools, early wake-ups, workload constraints, spec from the workload, hints
export type { NodeCells, NodePool } from './memory/node-pool';
export type { SleepResult, WaitOptions } from './runtime/thread-api';
export type { WorkloadHint } from './target/target';
export type { TargetSpec } from './target/spec-for';
export { specFor } from './target/spec-for';
export type { WorkloadConstraint } from './target/workload-constraint';
export { constrain, constraintProblem } from './target/workload-constraint';
export type { CountRange } from './target/workload-constraints';
export { needsPrior, opsOfKind, sameOpCount, threadsDoing } from './target/workload-constraints';
export { workloadProblem } from './target/workload-problem';
