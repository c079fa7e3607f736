/** Public face of the fuzzer: campaigns, their runners, shrinking and triage. */
export * from './fuzz-types';
export type { FuzzEngine, FuzzRunRequest, StrategyRequest } from './fuzz-engine';
export type { FuzzHost, FuzzHostModule } from './fuzz-host';
export type { BatchRunner } from './batch-runner';
export { runCampaign, batchSeed, cellSeedKey, DEFAULT_BATCH_RUNS, RUNAWAY_SIGNATURE, type CampaignOptions, type CampaignProgress, type CampaignResult } from './campaign';
export type { CampaignFinding, CellResult } from './cell-result';
export { buildCampaignReport, pctBounds, type BuiltReport, type ReportContext } from './campaign-report-builder';
export { runSession, createRunner, defaultHostModule, type SessionOptions, type SessionResult } from './campaign-session';
export { runBatch } from './run-batch';
export { cellWeight } from './cell-weight';
export { ARM_PRIORS } from './arm-selector';
export { shrinkRun, sizeKey } from './shrink-run';
export { inProcessRunner } from './in-process-runner';
export { poolRunner, type PoolRunnerOptions } from './pool-runner';
export { createFuzzHost, engineAdapter } from './default-host';
export { runTriage, type TriageOptions, type TriageReplaySide, type TriageResult, type TriageRow, type TriageVerdict } from './triage';

export { workloadArbitrary, decisionsArbitrary, smallWorkload, defaultWorkload } from './workload-arbitrary';
