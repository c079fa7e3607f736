import type { Operation } from '../../history/operation';
import { collectionFastCheck } from '../fast/collection-fast-check';
import { hashCombine } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashValue, sameList, showValue, unknownOp, valueKey, type ValueKey } from './value-key';

const OPS = ['push', 'pop'];

/**
 * LIFO stack, initially empty. push: input = value; pop: output = the top value, or null
 * when the stack is empty. An unknown-outcome pop removes the top if any. Histories whose
 * pushed values are distinct are checked in O(n log n) (fast/collection-fast-check.ts).
 */
export function stackSpec(): SequentialSpec<readonly ValueKey[]> {
  return {
    name: 'stack',
    summary: 'LIFO stack: push(value), pop -> value or null when empty',
    initialState: () => [],
    step(s: readonly ValueKey[], op: Operation): StepResult<readonly ValueKey[]> {
      if (op.f === 'push') return [...s, valueKey(op.input)];
      if (op.f === 'pop') {
        if (op.ret === undefined) return s.length === 0 ? s : s.slice(0, -1);
        const out = valueKey(op.output);
        if (s.length === 0) return out === null ? s : ILLEGAL;
        return s[s.length - 1] === out ? s.slice(0, -1) : ILLEGAL;
      }
      return ILLEGAL;
    },
    hash: (s) => { let h = s.length; for (const v of s) h = hashCombine(h, hashValue(v)); return h; },
    equal: (a, b) => sameList(a, b),
    partitionKey: (op) => op.key ?? '',
    ignoresProcess: true,
    fastCheck: collectionFastCheck('stack', { insert: 'push', remove: 'pop' }),
    describeState: (s) => `[${s.map(showValue).join(', ')}] (top last)`,
    reason: (s, op) => op.f === 'pop'
      ? `pop returned ${showValue(valueKey(op.output))} but the top is ${s.length === 0 ? 'nothing (empty stack)' : showValue(s[s.length - 1]!)}`
      : `${op.f} is not a stack operation`,
    validate: (op) => (OPS.includes(op.f) ? undefined : unknownOp('stack', op.f, OPS)),
  };
}
