import type { Operation } from '../history/operation';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';

/**
 * Reference checker for tests: tries every order of the (expanded) operations that
 * respects real time (a before b when a.ret < b.call) and every nondeterministic choice;
 * unknown-outcome ops may be left out. Exponential: for histories of a handful of ops.
 * A partitioned spec is checked per key, every partition must pass.
 */
export function bruteForceLinearizable<S>(spec: SequentialSpec<S>, recorded: readonly Operation[]): boolean {
  const all: Operation[] = [];
  for (const op of recorded) all.push(...(spec.expand?.(op) ?? [op]));
  const keys = new Set(all.map((o) => spec.partitionKey?.(o) ?? ''));
  for (const k of keys) {
    if (!bruteForceSingle(spec, all.filter((o) => (spec.partitionKey?.(o) ?? '') === k))) return false;
  }
  return true;
}

function bruteForceSingle<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): boolean {
  const n = ops.length;
  const used = new Array<boolean>(n).fill(false);
  const go = (state: S, placedKnown: number, totalKnown: number): boolean => {
    if (placedKnown === totalKnown) return true;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const call = ops[i]!.call;
      let blocked = false;
      for (let j = 0; j < n && !blocked; j++) {
        const r = ops[j]!.ret;
        if (j !== i && !used[j] && r !== undefined && r < call) blocked = true;
      }
      if (blocked) continue;
      const r = spec.step(state, ops[i]!);
      if (r === ILLEGAL) continue;
      const nexts: S[] = r instanceof Choices ? [...(r as Choices<S>).states] : [r as S];
      used[i] = true;
      const known = ops[i]!.ret === undefined ? 0 : 1;
      for (const s of nexts) {
        if (go(s, placedKnown + known, totalKnown)) { used[i] = false; return true; }
      }
      used[i] = false;
    }
    return false;
  };
  return go(spec.initialState(), 0, ops.filter((o) => o.ret !== undefined).length);
}
