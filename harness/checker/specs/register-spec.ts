import type { Operation } from '../../history/operation';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { showValue, unknownOp, valueKey, type ValueKey } from './value-key';

const OPS = ['read', 'write'];

/**
 * Read/write register starting at null (an absent etcd key). read: output = value;
 * write: input = value. A read with unknown outcome is always allowed.
 */
export function registerSpec(): SequentialSpec<ValueKey> {
  return {
    name: 'register',
    summary: 'read/write register, initial value null',
    initialState: () => null,
    step(state: ValueKey, op: Operation): StepResult<ValueKey> {
      if (op.f === 'read') return op.ret === undefined || valueKey(op.output) === state ? state : ILLEGAL;
      if (op.f === 'write') return valueKey(op.input);
      return ILLEGAL;
    },
    partitionKey: (op) => op.key ?? '',
    ignoresProcess: true,
    describeState: (s) => showValue(s),
    reason: (s, op) => op.f === 'read'
      ? `read returned ${showValue(valueKey(op.output))} but the register holds ${showValue(s)}`
      : `${op.f} is not a register operation`,
    validate: (op) => (OPS.includes(op.f) ? undefined : unknownOp('register', op.f, OPS)),
  };
}
