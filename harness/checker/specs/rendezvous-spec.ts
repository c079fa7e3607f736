import type { Operation } from '../../history/operation';
import { hashCombine } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashInts, hashValue, removeOne, sameList, showValue, unknownOp, valueKey, type ValueKey } from './value-key';

/** One rendezvous in progress: its id and the cpus that have not run the action yet. */
export interface ActiveRendezvous {
  readonly id: ValueKey;
  readonly pending: readonly number[];
}

/** Rendezvous in progress, in the order they started. */
export type RendezvousState = readonly ActiveRendezvous[];

const OPS = ['rendezvous', 'action'];

function rendezvousInput(op: Operation): { id: ValueKey; cpus: number[] } {
  const inp = op.input as { id?: unknown; cpus?: unknown };
  return { id: valueKey(inp.id), cpus: [...(inp.cpus as number[])].sort((a, b) => a - b) };
}

/**
 * FreeBSD smp_rendezvous (seed: kern/subr_smp.c). Ops:
 * - `rendezvous` by the initiator, input `{ id, cpus }` (cpus = process ids of the
 *   participating cpus, the initiator's own cpu included when it takes part). It is split
 *   into `rendezvous-start` at the instant of the call and `rendezvous-end` within the call.
 * - `action` by a participating cpu (its process id), input = the rendezvous id: the cpu ran
 *   the action function for that rendezvous. Record it as a short interval around the call.
 * Sequentially: start registers the pending cpus; an action is legal only for a started, not
 * yet ended rendezvous and a cpu still pending; end is legal only when no cpu is pending.
 * So the initiator cannot return before every cpu ran the action, an action cannot run
 * before its rendezvous was called nor after it returned, and no cpu runs it twice.
 */
export function rendezvousSpec(): SequentialSpec<RendezvousState> {
  const find = (s: RendezvousState, id: ValueKey): number => s.findIndex((r) => r.id === id);
  return {
    name: 'rendezvous',
    summary: 'smp_rendezvous: rendezvous({id, cpus}) by the initiator, action(id) by each cpu',
    initialState: () => [],
    expand(op: Operation): readonly Operation[] | undefined {
      if (op.f !== 'rendezvous') return undefined;
      return [{ ...op, f: 'rendezvous-start', ret: op.call }, { ...op, f: 'rendezvous-end' }];
    },
    step(s: RendezvousState, op: Operation): StepResult<RendezvousState> {
      switch (op.f) {
        case 'rendezvous-start': {
          const { id, cpus } = rendezvousInput(op);
          return find(s, id) >= 0 ? ILLEGAL : [...s, { id, pending: cpus }];
        }
        case 'rendezvous-end': {
          const at = find(s, rendezvousInput(op).id);
          if (at < 0 || s[at]!.pending.length > 0) return ILLEGAL;
          return [...s.slice(0, at), ...s.slice(at + 1)];
        }
        case 'action': {
          const at = find(s, valueKey(op.input));
          if (at < 0) return ILLEGAL;
          const pending = removeOne(s[at]!.pending, op.process);
          if (pending === undefined) return ILLEGAL;
          return [...s.slice(0, at), { id: s[at]!.id, pending }, ...s.slice(at + 1)];
        }
        default: return ILLEGAL;
      }
    },
    hash: (s) => { let h = s.length; for (const r of s) h = hashCombine(h, hashInts(r.pending, hashValue(r.id))); return h; },
    equal: (a, b) => a.length === b.length && a.every((r, i) => r.id === b[i]!.id && sameList(r.pending, b[i]!.pending)),
    describeState: (s) => (s.length === 0 ? 'no rendezvous in progress'
      : s.map((r) => `rendezvous ${showValue(r.id)} waiting for cpus [${r.pending.join(', ')}]`).join('; ')),
    reason(s: RendezvousState, op: Operation): string {
      if (op.f === 'action') {
        const id = valueKey(op.input);
        const r = s[find(s, id)];
        if (r === undefined) return `cpu ${op.process} ran the action of rendezvous ${showValue(id)} which is not in progress (not called yet, or already returned)`;
        return `cpu ${op.process} ran the action of rendezvous ${showValue(id)} but is not pending for it (ran twice, or not a participant)`;
      }
      const { id } = rendezvousInput(op);
      const r = s[find(s, id)];
      if (op.f === 'rendezvous-start') return `rendezvous ${showValue(id)} started twice`;
      return r === undefined ? `rendezvous ${showValue(id)} returned but never started`
        : `rendezvous ${showValue(id)} returned before cpus [${r.pending.join(', ')}] ran the action`;
    },
    validate(op: Operation): string | undefined {
      if (!OPS.includes(op.f)) return unknownOp('rendezvous', op.f, OPS);
      if (op.f === 'rendezvous') {
        const inp = op.input as { id?: unknown; cpus?: unknown } | null;
        if (inp === null || typeof inp !== 'object' || !Array.isArray(inp.cpus) || !inp.cpus.every((c) => Number.isInteger(c))) {
          return 'rendezvous input must be { id, cpus: number[] }';
        }
      }
      return undefined;
    },
  };
}
