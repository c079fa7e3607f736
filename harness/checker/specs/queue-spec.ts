import type { Operation } from '../../history/operation';
import { collectionFastCheck } from '../fast/collection-fast-check';
import { hashCombine } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashValue, sameList, showValue, unknownOp, valueKey, type ValueKey } from './value-key';

const OPS = ['enqueue', 'dequeue'];

/**
 * FIFO queue, initially empty. enqueue: input = value; dequeue: output = the head value, or
 * null when the queue is empty. An unknown-outcome dequeue removes the head if any.
 * Histories whose enqueued values are distinct are checked in O(n log n)
 * (fast/collection-fast-check.ts).
 */
export function queueSpec(): SequentialSpec<readonly ValueKey[]> {
  return {
    name: 'queue',
    summary: 'FIFO queue: enqueue(value), dequeue -> value or null when empty',
    initialState: () => [],
    step(q: readonly ValueKey[], op: Operation): StepResult<readonly ValueKey[]> {
      if (op.f === 'enqueue') return [...q, valueKey(op.input)];
      if (op.f === 'dequeue') {
        if (op.ret === undefined) return q.length === 0 ? q : q.slice(1);
        const out = valueKey(op.output);
        if (q.length === 0) return out === null ? q : ILLEGAL;
        return q[0] === out ? q.slice(1) : ILLEGAL;
      }
      return ILLEGAL;
    },
    hash: (q) => { let h = q.length; for (const v of q) h = hashCombine(h, hashValue(v)); return h; },
    equal: (a, b) => sameList(a, b),
    partitionKey: (op) => op.key ?? '',
    ignoresProcess: true,
    fastCheck: collectionFastCheck('queue', { insert: 'enqueue', remove: 'dequeue' }),
    describeState: (q) => `[${q.map(showValue).join(', ')}]`,
    reason: (q, op) => op.f === 'dequeue'
      ? `dequeue returned ${showValue(valueKey(op.output))} but the head is ${q.length === 0 ? 'nothing (empty queue)' : showValue(q[0]!)}`
      : `${op.f} is not a queue operation`,
    validate: (op) => (OPS.includes(op.f) ? undefined : unknownOp('queue', op.f, OPS)),
  };
}
