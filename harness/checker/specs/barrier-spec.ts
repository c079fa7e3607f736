import type { Operation } from '../../history/operation';
import { hashCombine } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { hashInts, sameList, unknownOp } from './value-key';

/**
 * Cyclic barrier state: the current generation, how many parties arrived in it, and the
 * parties still inside `await` as (process, generation they arrived in), sorted by process.
 */
export interface BarrierState {
  readonly generation: number;
  readonly arrived: number;
  readonly waitingProcess: readonly number[];
  readonly waitingGeneration: readonly number[];
}

const OPS = ['await'];

/**
 * Cyclic barrier of N parties (spec name `barrier:N`, default 2). A recorded `await` is
 * split into two sequential steps: `arrive` at the instant of the call (the party is at
 * the barrier once it called await) and `depart` anywhere within the call's interval.
 * The N-th arrival of a generation trips it; a party may depart only once the generation it
 * arrived in has tripped. So: no await returns before N awaits of its generation were
 * called. Optional output: the arrival index within the generation (0 = first to arrive);
 * a non-number output is not checked. An await that never returned arrived but need not
 * depart.
 */
export function barrierSpec(parties = 2): SequentialSpec<BarrierState> {
  const state = (generation: number, arrived: number, wp: readonly number[], wg: readonly number[]): BarrierState =>
    ({ generation, arrived, waitingProcess: wp, waitingGeneration: wg });
  return {
    name: `barrier:${parties}`,
    summary: 'cyclic barrier of N parties: await (split into arrive at call + depart); barrier:N (default 2)',
    initialState: () => state(0, 0, [], []),
    expand(op: Operation): readonly Operation[] | undefined {
      if (op.f !== 'await') return undefined;
      return [
        { ...op, f: 'arrive', ret: op.call, output: op.ret === undefined ? undefined : op.output },
        { ...op, f: 'depart', output: undefined },
      ];
    },
    step(s: BarrierState, op: Operation): StepResult<BarrierState> {
      const p = op.process;
      const at = s.waitingProcess.indexOf(p);
      if (op.f === 'arrive') {
        if (at >= 0) return ILLEGAL;
        if (typeof op.output === 'number' && op.output !== s.arrived) return ILLEGAL;
        let i = 0;
        while (i < s.waitingProcess.length && s.waitingProcess[i]! < p) i++;
        const wp = [...s.waitingProcess.slice(0, i), p, ...s.waitingProcess.slice(i)];
        const wg = [...s.waitingGeneration.slice(0, i), s.generation, ...s.waitingGeneration.slice(i)];
        const trips = s.arrived + 1 === parties;
        return state(trips ? s.generation + 1 : s.generation, trips ? 0 : s.arrived + 1, wp, wg);
      }
      if (op.f === 'depart') {
        if (at < 0 || s.waitingGeneration[at]! >= s.generation) return ILLEGAL;
        return state(s.generation, s.arrived,
          [...s.waitingProcess.slice(0, at), ...s.waitingProcess.slice(at + 1)],
          [...s.waitingGeneration.slice(0, at), ...s.waitingGeneration.slice(at + 1)]);
      }
      return ILLEGAL;
    },
    hash: (s) => hashCombine(hashCombine(s.generation, s.arrived), hashInts(s.waitingGeneration, hashInts(s.waitingProcess))),
    equal: (a, b) => a.generation === b.generation && a.arrived === b.arrived &&
      sameList(a.waitingProcess, b.waitingProcess) && sameList(a.waitingGeneration, b.waitingGeneration),
    describeState: (s) => `generation ${s.generation}, ${s.arrived}/${parties} arrived; inside await: ` +
      (s.waitingProcess.length === 0 ? 'none' : s.waitingProcess.map((p, i) => `p${p}@g${s.waitingGeneration[i]}`).join(' ')),
    reason(s: BarrierState, op: Operation): string {
      const at = s.waitingProcess.indexOf(op.process);
      if (op.f === 'arrive') {
        if (at >= 0) return `process ${op.process} arrived again without leaving the barrier`;
        return `await by process ${op.process} reported arrival index ${String(op.output)} but ${s.arrived} part(ies) had arrived`;
      }
      if (at < 0) return `process ${op.process} left the barrier without arriving`;
      return `await by process ${op.process} returned while only ${s.arrived}/${parties} parties of generation ${s.generation} had arrived`;
    },
    validate: (op) => (OPS.includes(op.f) ? undefined : unknownOp('barrier', op.f, OPS)),
  };
}
