import type { Operation } from '../../history/operation';
import { acceptSemaphoreHistory } from '../fast/semaphore-accept';
import { Choices, ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { unknownOp } from './value-key';

const OPS = ['acquire', 'release', 'try-acquire'];

/**
 * Counting semaphore (Dijkstra's P/V). State = permits available, initially `permits`
 * (spec name `semaphore:N`, default 1). acquire needs a permit; release adds one (any
 * process may release, the count is not capped); try-acquire -> boolean, strong. A numeric
 * input is the operation's weight (a weighted semaphore: acquire(w) needs w permits, release(w)
 * adds w); any other input (e.g. `{ timeout: 10 }`) weighs 1.
 */
export function semaphoreSpec(permits = 1): SequentialSpec<number> {
  return {
    name: `semaphore:${permits}`,
    summary: 'counting semaphore: acquire, release, try-acquire -> boolean; semaphore:N starts with N permits (default 1)',
    initialState: () => permits,
    step(avail: number, op: Operation): StepResult<number> {
      const w = weight(op);
      switch (op.f) {
        case 'acquire': return avail >= w ? avail - w : ILLEGAL;
        case 'release': return avail + w;
        case 'try-acquire':
          if (op.ret === undefined) return avail >= w ? new Choices([avail - w, avail]) : avail;
          if (op.output === true) return avail >= w ? avail - w : ILLEGAL;
          return avail < w ? avail : ILLEGAL;
        default: return ILLEGAL;
      }
    },
    partitionKey: (op) => op.key ?? '',
    quickAccept: (ops) => (acceptSemaphoreHistory(ops, permits, deltaOf) ? SEMAPHORE_GREEDY : undefined),
    describeState: (avail) => `${avail} permit(s) available`,
    reason: (avail, op) => op.f === 'try-acquire'
      ? `try-acquire returned ${String(op.output)} with ${avail} permit(s) available`
      : `${op.f} by process ${op.process} with ${avail} permit(s) available`,
    validate(op: Operation): string | undefined {
      if (!OPS.includes(op.f)) return unknownOp('semaphore', op.f, OPS);
      if (op.f === 'try-acquire' && op.ret !== undefined && typeof op.output !== 'boolean') return 'try-acquire output must be true or false';
      if (typeof op.input === 'number' && !(Number.isInteger(op.input) && op.input >= 1)) return `${op.f} input ${op.input} is not a weight (an integer >= 1)`;
      return undefined;
    },
  };
}

/** Name of the quick accept in `CheckResult.algorithm`. */
const SEMAPHORE_GREEDY = 'semaphore releases early, acquires late';

/**
 * An op for acceptSemaphoreHistory: +weight acquired, -weight released, 0 = a pending acquire
 * (left out), NaN = not decided there (validate's rules included).
 */
function deltaOf(op: Operation): number {
  const input = op.input;
  if (typeof input === 'number' && !(Number.isInteger(input) && input >= 1)) return Number.NaN;
  const w = typeof input === 'number' ? input : 1;
  switch (op.f) {
    case 'release': return -w;
    case 'acquire': return op.ret === undefined ? 0 : w;
    case 'try-acquire': return op.ret === undefined ? 0 : op.output === true ? w : Number.NaN;
    default: return Number.NaN;
  }
}

/** The weight of a semaphore operation: its numeric input, else 1. */
function weight(op: Operation): number {
  return typeof op.input === 'number' ? op.input : 1;
}
