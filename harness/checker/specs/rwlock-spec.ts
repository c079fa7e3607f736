import type { Operation } from '../../history/operation';
import { acceptRwLockHistory, RW_FAILED_READ, RW_FAILED_WRITE, RW_OTHER, RW_PENDING, RW_READ_LOCK, RW_READ_UNLOCK, RW_WRITE_LOCK, RW_WRITE_UNLOCK, type RwLockOpCode } from '../fast/rwlock-accept';
import { hashCombine } from '../hash-mix';
import { Choices, ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashInts, insertSorted, removeOne, sameList, unknownOp } from './value-key';

/** Reader-writer lock state: the writer (or null) and the reading processes (sorted, a multiset). */
export interface RwLockState {
  readonly writer: number | null;
  readonly readers: readonly number[];
}

const OPS = ['read-lock', 'read-unlock', 'write-lock', 'write-unlock', 'try-read-lock', 'try-write-lock'];

/** Name of the quick accept in `CheckResult.algorithm`. */
const RW_SECTIONS = 'rwlock sections';

/** A completed op for acceptRwLockHistory (a try whose output is not a boolean is left to validation). */
function codeOf(op: Operation): RwLockOpCode {
  if (op.ret === undefined) {
    const f = op.f;
    return f === 'read-unlock' ? RW_READ_UNLOCK : f === 'write-unlock' ? RW_WRITE_UNLOCK : OPS.includes(f) ? RW_PENDING : RW_OTHER;
  }
  switch (op.f) {
    case 'read-lock': return RW_READ_LOCK;
    case 'read-unlock': return RW_READ_UNLOCK;
    case 'write-lock': return RW_WRITE_LOCK;
    case 'write-unlock': return RW_WRITE_UNLOCK;
    case 'try-read-lock': return op.output === true ? RW_READ_LOCK : op.output === false ? RW_FAILED_READ : RW_OTHER;
    case 'try-write-lock': return op.output === true ? RW_WRITE_LOCK : op.output === false ? RW_FAILED_WRITE : RW_OTHER;
    default: return RW_OTHER;
  }
}

function st(writer: number | null, readers: readonly number[]): RwLockState {
  return { writer, readers };
}

/**
 * Reader-writer lock: many readers or one writer. read-unlock / write-unlock are legal only
 * for a process that holds the lock in that mode. A process may hold several read locks
 * (recursive read). try-read-lock / try-write-lock -> boolean (strong: false only when the
 * lock could not be taken in that state).
 */
export function rwlockSpec(): SequentialSpec<RwLockState> {
  const canRead = (s: RwLockState): boolean => s.writer === null;
  const canWrite = (s: RwLockState): boolean => s.writer === null && s.readers.length === 0;
  return {
    name: 'rwlock',
    summary: 'reader-writer lock: read-lock/unlock, write-lock/unlock, try-read-lock/try-write-lock -> boolean',
    initialState: () => st(null, []),
    step(s: RwLockState, op: Operation): StepResult<RwLockState> {
      const p = op.process;
      switch (op.f) {
        case 'read-lock': return canRead(s) ? st(null, insertSorted(s.readers, p)) : ILLEGAL;
        case 'write-lock': return canWrite(s) ? st(p, s.readers) : ILLEGAL;
        case 'read-unlock': {
          const r = removeOne(s.readers, p);
          return r === undefined ? ILLEGAL : st(s.writer, r);
        }
        case 'write-unlock': return s.writer === p ? st(null, s.readers) : ILLEGAL;
        case 'try-read-lock':
        case 'try-write-lock': {
          const read = op.f === 'try-read-lock';
          const can = read ? canRead(s) : canWrite(s);
          const taken = read ? st(null, insertSorted(s.readers, p)) : st(p, s.readers);
          if (op.ret === undefined) return can ? new Choices([taken, s]) : s;
          if (op.output === true) return can ? taken : ILLEGAL;
          return can ? ILLEGAL : s;
        }
        default: return ILLEGAL;
      }
    },
    hash: (s) => hashCombine(s.writer === null ? -1 : s.writer, hashInts(s.readers)),
    equal: (a, b) => a.writer === b.writer && sameList(a.readers, b.readers),
    partitionKey: (op) => op.key ?? '',
    quickAccept: (ops) => (acceptRwLockHistory(ops, codeOf) ? RW_SECTIONS : undefined),
    describeState: (s) => (s.writer !== null ? `write-locked by process ${s.writer}`
      : s.readers.length > 0 ? `read-locked by processes [${s.readers.join(', ')}]` : 'free'),
    reason(s: RwLockState, op: Operation): string {
      const desc = s.writer !== null ? `write-locked by process ${s.writer}`
        : s.readers.length > 0 ? `read-locked by processes [${s.readers.join(', ')}]` : 'free';
      const out = op.f.startsWith('try-') ? ` returned ${String(op.output)}` : '';
      return `${op.f} by process ${op.process}${out} while the lock was ${desc}`;
    },
    validate(op: Operation): string | undefined {
      if (!OPS.includes(op.f)) return unknownOp('rwlock', op.f, OPS);
      if (op.f.startsWith('try-') && op.ret !== undefined && typeof op.output !== 'boolean') return `${op.f} output must be true or false`;
      return undefined;
    },
  };
}
