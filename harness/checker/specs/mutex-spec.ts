import type { Operation } from '../../history/operation';
import { acceptMutexHistory, MUTEX_ACQUIRE, MUTEX_FAILED_TRY, MUTEX_OTHER, MUTEX_PENDING, MUTEX_RELEASE, type MutexOpCode } from '../fast/mutex-accept';
import { checkMutexSections, MUTEX_SECTIONS, type MutexOpKind } from '../fast/mutex-sections';
import { Choices, ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { unknownOp } from './value-key';

/** Operation names, with the aliases models may use. */
const ACQUIRE = new Set(['acquire', 'lock']);
const RELEASE = new Set(['release', 'unlock']);
const TRY = new Set(['try-acquire', 'try-lock', 'trylock']);
const OPS = [...ACQUIRE, ...RELEASE, ...TRY];
const KNOWN = new Set(OPS);

/** The op as the critical-section algorithm sees it; undefined = outside its class. */
function kindOf(op: Operation): MutexOpKind | undefined {
  if (ACQUIRE.has(op.f)) return 'acquire';
  if (RELEASE.has(op.f)) return 'release';
  if (TRY.has(op.f) && op.ret !== undefined && op.output === true) return 'acquire';
  return undefined;
}

/**
 * A completed op as acceptMutexHistory sees it: the names of ACQUIRE, RELEASE and TRY
 * compared directly (no Set lookup on the explorer's hot path); a try-acquire whose
 * output is not a boolean is left to validation.
 */
function codeOf(op: Operation): MutexOpCode {
  const f = op.f;
  if (f === 'release' || f === 'unlock') return MUTEX_RELEASE;
  const acquire = f === 'acquire' || f === 'lock';
  const tryAcquire = !acquire && (f === 'try-acquire' || f === 'try-lock' || f === 'trylock');
  if (op.ret === undefined) return acquire || tryAcquire ? MUTEX_PENDING : MUTEX_OTHER;
  if (acquire) return MUTEX_ACQUIRE;
  if (tryAcquire) return op.output === true ? MUTEX_ACQUIRE : op.output === false ? MUTEX_FAILED_TRY : MUTEX_OTHER;
  return MUTEX_OTHER;
}

/**
 * Mutual exclusion lock. State = owning process, or null when free. acquire: free -> owner;
 * release: only the owner may release; try-acquire: output true = acquired (the lock was
 * free), false = the lock was held (strong try-lock: no spurious failure). A try-acquire
 * whose outcome is unknown may have acquired or not (two next states).
 */
export function mutexSpec(): SequentialSpec<number | null> {
  return {
    name: 'mutex',
    summary: 'mutex with owner: acquire, release (owner only), try-acquire -> boolean',
    initialState: () => null,
    step(owner: number | null, op: Operation): StepResult<number | null> {
      const f = op.f;
      if (ACQUIRE.has(f)) return owner === null ? op.process : ILLEGAL;
      if (RELEASE.has(f)) return owner === op.process ? null : ILLEGAL;
      if (TRY.has(f)) {
        if (op.ret === undefined) return owner === null ? new Choices([op.process, null]) : owner;
        if (op.output === true) return owner === null ? op.process : ILLEGAL;
        return owner !== null ? owner : ILLEGAL;
      }
      return ILLEGAL;
    },
    partitionKey: (op) => op.key ?? '',
    fastCheck: (ops, wantOrder) => checkMutexSections(ops, kindOf, wantOrder),
    quickAccept: (ops) => (acceptMutexHistory(ops, codeOf) ? MUTEX_SECTIONS : undefined),
    describeState: (owner) => (owner === null ? 'free' : `held by process ${owner}`),
    reason(owner: number | null, op: Operation): string {
      const who = owner === null ? 'free' : `held by process ${owner}`;
      if (ACQUIRE.has(op.f)) return `process ${op.process} acquired the mutex while it was ${who}`;
      if (RELEASE.has(op.f)) return `process ${op.process} released the mutex while it was ${who}`;
      if (TRY.has(op.f)) return `try-acquire by process ${op.process} returned ${String(op.output)} while the mutex was ${who}`;
      return `${op.f} is not a mutex operation`;
    },
    validate(op: Operation): string | undefined {
      if (!KNOWN.has(op.f)) return unknownOp('mutex', op.f, OPS);
      if (TRY.has(op.f) && op.ret !== undefined && typeof op.output !== 'boolean') return `${op.f} output must be true or false`;
      return undefined;
    },
  };
}
