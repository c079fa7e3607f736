/** Public face of the runtime: run one execution. */
export { runExecution } from './execute';
export { HarnessFault } from './harness-fault';
export type { ExecutionOptions } from './execution-options';
export type { ExecutionOutcome, Finding, FindingKind, StuckThread, TraceEntry, Verdict } from './outcome';
export type { ThreadApi, Prim, ThreadBody, IpiHandler, PvWaitResult, FutexWaitResult, StepRequest } from './thread-api';
