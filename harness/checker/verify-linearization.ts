import type { Operation } from '../history/operation';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';

/**
 * Independent certificate check of a linearization (tests, and anyone who doubts a
 * verdict): every op with a known return appears once, the order respects real time
 * (no op placed before one that returned before it was called), and the spec accepts the
 * sequence (tracking the set of possible states for nondeterministic specs). Works on
 * specs without `expand`; partitioned specs are replayed per key. Returns a message or
 * undefined when the linearization is valid.
 */
export function verifyLinearization<S>(spec: SequentialSpec<S>, ops: readonly Operation[], order: readonly number[]): string | undefined {
  const byId = new Map(ops.map((o) => [o.id, o]));
  const seen = new Set<number>();
  for (const id of order) {
    if (!byId.has(id)) return `unknown op id ${id}`;
    if (seen.has(id)) return `op ${id} appears twice`;
    seen.add(id);
  }
  for (const o of ops) if (o.ret !== undefined && !seen.has(o.id)) return `op ${o.id} (returned) is missing`;
  for (let a = 0; a < order.length; a++) {
    for (let b = a + 1; b < order.length; b++) {
      const early = byId.get(order[b]!)!, late = byId.get(order[a]!)!;
      if (early.ret !== undefined && early.ret < late.call) return `op ${early.id} returned before op ${late.id} was called but comes after it`;
    }
  }
  const states = new Map<string, S[]>();
  for (const id of order) {
    const op = byId.get(id)!;
    const key = spec.partitionKey?.(op) ?? '';
    const cur = states.get(key) ?? [spec.initialState()];
    const nextStates: S[] = [];
    for (const s of cur) {
      const r = spec.step(s, op);
      if (r === ILLEGAL) continue;
      if (r instanceof Choices) nextStates.push(...(r as Choices<S>).states);
      else nextStates.push(r as S);
    }
    if (nextStates.length === 0) return `the spec rejects op ${id} (${op.f}) at its place`;
    states.set(key, nextStates);
  }
  return undefined;
}
