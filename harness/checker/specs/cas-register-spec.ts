import type { Operation } from '../../history/operation';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { showValue, unknownOp, valueKey, type ValueKey } from './value-key';

const OPS = ['read', 'write', 'cas'];

function casArgs(op: Operation): [ValueKey, ValueKey] {
  const a = op.input as readonly unknown[];
  return [valueKey(a[0]), valueKey(a[1])];
}

/**
 * Compare-and-set register with Porcupine's etcd semantics, initial value null. cas input
 * is [old, new]; output true = swapped (the register held old), false = it held something
 * else. An unknown-outcome cas swaps iff the register holds old (the checker may also leave
 * it out: "did not happen"); an unknown read is always allowed.
 */
export function casRegisterSpec(): SequentialSpec<ValueKey> {
  return {
    name: 'cas-register',
    summary: 'read/write/compare-and-set register (Porcupine etcd semantics), initial value null',
    initialState: () => null,
    step(state: ValueKey, op: Operation): StepResult<ValueKey> {
      switch (op.f) {
        case 'read':
          return op.ret === undefined || valueKey(op.output) === state ? state : ILLEGAL;
        case 'write':
          return valueKey(op.input);
        case 'cas': {
          // no destructuring: this is the hot path of the etcd benchmark
          const a = op.input as readonly unknown[];
          const from = valueKey(a[0]);
          if (op.ret === undefined) return from === state ? valueKey(a[1]) : state;
          if (op.output === true) return from === state ? valueKey(a[1]) : ILLEGAL;
          return from !== state ? state : ILLEGAL;
        }
        default:
          return ILLEGAL;
      }
    },
    readOnly: (op) => op.f === 'read' || (op.f === 'cas' && op.output === false),
    partitionKey: (op) => op.key ?? '',
    ignoresProcess: true,
    describeState: (s) => showValue(s),
    reason(s: ValueKey, op: Operation): string {
      if (op.f === 'read') return `read returned ${showValue(valueKey(op.output))} but the register holds ${showValue(s)}`;
      if (op.f === 'cas') {
        const [from, to] = casArgs(op);
        return op.output === true
          ? `cas(${showValue(from)} -> ${showValue(to)}) succeeded but the register holds ${showValue(s)}`
          : `cas(${showValue(from)} -> ${showValue(to)}) failed but the register holds ${showValue(from)}`;
      }
      return `${op.f} is not a cas-register operation`;
    },
    validate(op: Operation): string | undefined {
      if (!OPS.includes(op.f)) return unknownOp('cas-register', op.f, OPS);
      if (op.f === 'cas') {
        if (!Array.isArray(op.input) || op.input.length !== 2) return 'cas input must be [old, new]';
        if (op.ret !== undefined && typeof op.output !== 'boolean') return 'cas output must be true or false';
      }
      return undefined;
    },
  };
}
