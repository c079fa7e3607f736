import type { Operation } from '../../history/operation';
import { hashCombine } from '../hash-mix';
import { Choices, ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashInts, insertSorted, removeOne, sameList, unknownOp } from './value-key';

/** Mutex owner, processes blocked in wait, and processes woken but not yet holding the mutex. */
export interface MutexCondvarState {
  readonly owner: number | null;
  readonly waiting: readonly number[];
  readonly woken: readonly number[];
}

const OPS = ['lock', 'unlock', 'try-lock', 'wait', 'wait-begin', 'wait-end', 'signal', 'broadcast'];

/**
 * A mutex with one condition variable, Mesa semantics (POSIX). `wait` is split into
 * `wait-begin` (atomically release the mutex, which the caller must hold, and block) and
 * `wait-end` (woken, reacquire the mutex), both within the call's interval; models may
 * also record the two halves themselves. `signal` wakes one blocked waiter if any (which
 * one is a nondeterministic choice), `broadcast` all; neither needs the mutex. A wait-end
 * requires having been woken (spec `mutex-condvar:spurious` also allows spurious wake-ups).
 */
export function mutexCondvarSpec(spurious = false): SequentialSpec<MutexCondvarState> {
  const st = (owner: number | null, waiting: readonly number[], woken: readonly number[]): MutexCondvarState => ({ owner, waiting, woken });
  return {
    name: spurious ? 'mutex-condvar:spurious' : 'mutex-condvar',
    summary: 'mutex + condition variable: lock, unlock, try-lock, wait (= wait-begin + wait-end), signal, broadcast',
    initialState: () => st(null, [], []),
    expand(op: Operation): readonly Operation[] | undefined {
      if (op.f !== 'wait') return undefined;
      return [{ ...op, f: 'wait-begin' }, { ...op, f: 'wait-end' }];
    },
    step(s: MutexCondvarState, op: Operation): StepResult<MutexCondvarState> {
      const p = op.process;
      switch (op.f) {
        case 'lock': return s.owner === null ? st(p, s.waiting, s.woken) : ILLEGAL;
        case 'unlock': return s.owner === p ? st(null, s.waiting, s.woken) : ILLEGAL;
        case 'try-lock':
          if (op.ret === undefined) return s.owner === null ? new Choices([st(p, s.waiting, s.woken), s]) : s;
          if (op.output === true) return s.owner === null ? st(p, s.waiting, s.woken) : ILLEGAL;
          return s.owner !== null ? s : ILLEGAL;
        case 'wait-begin': return s.owner === p ? st(null, insertSorted(s.waiting, p), s.woken) : ILLEGAL;
        case 'wait-end': {
          if (s.owner !== null) return ILLEGAL;
          const woken = removeOne(s.woken, p);
          if (woken !== undefined) return st(p, s.waiting, woken);
          const waiting = spurious ? removeOne(s.waiting, p) : undefined;
          return waiting === undefined ? ILLEGAL : st(p, waiting, s.woken);
        }
        case 'signal': {
          if (s.waiting.length === 0) return s;
          if (s.waiting.length === 1) return st(s.owner, [], insertSorted(s.woken, s.waiting[0]!));
          return new Choices(s.waiting.map((w) => st(s.owner, removeOne(s.waiting, w)!, insertSorted(s.woken, w))));
        }
        case 'broadcast': {
          if (s.waiting.length === 0) return s;
          let woken = s.woken;
          for (const w of s.waiting) woken = insertSorted(woken, w);
          return st(s.owner, [], woken);
        }
        default: return ILLEGAL;
      }
    },
    hash: (s) => hashCombine(s.owner === null ? -1 : s.owner, hashInts(s.woken, hashInts(s.waiting))),
    equal: (a, b) => a.owner === b.owner && sameList(a.waiting, b.waiting) && sameList(a.woken, b.woken),
    describeState: (s) => `mutex ${s.owner === null ? 'free' : `held by process ${s.owner}`}; waiting [${s.waiting.join(', ')}]; woken [${s.woken.join(', ')}]`,
    reason(s: MutexCondvarState, op: Operation): string {
      const m = s.owner === null ? 'free' : `held by process ${s.owner}`;
      switch (op.f) {
        case 'wait-begin': return `process ${op.process} waited without holding the mutex (mutex ${m})`;
        case 'wait-end': return s.owner !== null ? `process ${op.process} returned from wait while the mutex was ${m}`
          : `process ${op.process} returned from wait without being signalled`;
        default: return `${op.f} by process ${op.process} while the mutex was ${m}`;
      }
    },
    validate: (op) => (OPS.includes(op.f) ? undefined : unknownOp('mutex-condvar', op.f, OPS)),
  };
}
