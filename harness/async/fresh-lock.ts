/**
 * Issue 9 "Isolation": each execution builds a fresh instance of the lock. A library that keeps
 * its locks in a process-wide registry (mortice 1.x's `mutexes[name]`, a keyed-lock map, a
 * singleton) hands the same object back to a later `setup`, with whatever the earlier execution
 * left in it: a holder stopped at a step when that execution ended on a finding, queued jobs, a
 * pending timer of a dead virtual clock. Such a run depends on which executions ran before it in
 * the same thread (another batch, another target's turn in the worker, the determinism check's
 * own replay), which surfaced as "uncontrolled nondeterminism" or as hangs of one task with no
 * preemption. Asking whether setup's object was handed out before names the cause instead.
 */
import { TargetError } from '../target/target-error';

/**
 * Every lock object a `setup` returned in this thread. Process-wide on purpose (the one
 * exception to "no module-level mutable state" in harness/async): the registries it guards
 * against are module state of the libraries, shared by every driver, batch and target object of
 * the thread, so no narrower owner would see the reuse. Weak: it keeps no lock alive, and it
 * changes no verdict, only turns a silently shared lock into the target's mistake.
 */
const HANDED_OUT = new WeakSet<object>();

/**
 * Remember `lock` as handed to an execution; the TargetError when an earlier execution already
 * got this very object. Primitives and undefined are not tracked (a target may keep its lock in
 * closures and return nothing).
 */
export function claimFreshLock(target: string, variant: string, lock: unknown): TargetError | undefined {
  if ((typeof lock !== 'object' || lock === null) && typeof lock !== 'function') return undefined;
  if (!HANDED_OUT.has(lock)) {
    HANDED_OUT.add(lock);
    return undefined;
  }
  return new TargetError(
    `target '${target}' (variant '${variant}'): setup returned the same lock object as an earlier execution, with whatever that execution left in it ` +
    '(a holder stopped at a step, queued waiters, timers): executions would depend on which ran before them. setup must build a fresh lock every time; ' +
    'a library that keeps its locks in a process-wide registry by name (as mortice does) needs a name no execution used before ' +
    '(a Symbol, where the library takes any property key) or the old lock dropped first',
  );
}
