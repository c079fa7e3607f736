/**
 * A mistake in the target found by a job (a TargetError). Returned, not thrown: a thrown error
 * crosses to the main thread by structured clone, which keeps neither its class nor its name,
 * and the campaign must tell a target's mistake (exit 2) from a harness error (exit 3).
 */
export interface WorkerTargetError {
  readonly targetError: string;
}

/** True for a job's WorkerTargetError answer. */
export function isWorkerTargetError(r: unknown): r is WorkerTargetError {
  return typeof r === 'object' && r !== null && typeof (r as WorkerTargetError).targetError === 'string';
}
