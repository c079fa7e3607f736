import type { Cell } from '../memory/cell';
import type { ThreadApi } from '../runtime/thread-api';
import type { Instance, SetupEnv, ThreadSpec, Workload } from '../target/target';
import { TargetError } from '../target/target-error';
import type { BarrierImpl, Peek } from './lock-models';
import { checkOpKinds } from './workload-ops';

/** Options of {@link barrierInstance}. */
export interface BarrierWorkloadOptions {
  /** Target name, for error messages. */
  readonly target: string;
  /** Thread name prefix (default `cpu`). */
  readonly threadPrefix?: string;
}

/** Ghost state of one execution: arrivals per round. */
interface BarrierGhost {
  readonly arrived: number[];
  peek: Peek | undefined;
}

interface BarrierThreadState {
  readonly rounds: number;
  readonly parties: number;
  readonly impl: BarrierImpl;
  /** One cell per party: the last round it completed the work of (written before arriving). */
  readonly slots: readonly Cell[];
  readonly ghost: BarrierGhost;
}

function* barrierThread(t: ThreadApi, s: BarrierThreadState) {
  const { impl, ghost, slots, parties } = s;
  ghost.peek ??= (c: Cell) => t.peek(c);
  for (let r = 0; r < s.rounds; r++) {
    t.at('work');
    yield* t.writeOnce(slots[t.id]!, r + 1);
    t.at('await');
    t.invoke('await');
    ghost.arrived[r] = (ghost.arrived[r] ?? 0) + 1;
    yield* impl.await(t);
    t.ok();
    const arrived = ghost.arrived[r]!;
    t.assert(arrived === parties, `${t.name} left round ${r} of the barrier while only ${arrived} of ${parties} parties had arrived`);
    // what every party wrote before arriving must be visible after the barrier (a fence bug shows here under tso)
    t.at('after barrier');
    for (let p = 0; p < parties; p++) {
      if (p === t.id) continue;
      const seen = yield* t.readOnce(slots[p]!);
      t.assert(seen >= r + 1, `${t.name} passed round ${r} of the barrier but still reads party ${p}'s work of round ${seen} (its store is not visible)`);
    }
  }
  t.at('done');
}

/**
 * The barrier workload: every thread is a party; each round it writes its work (a cell of
 * its own), awaits the barrier (history `await` against `barrier:<threads>`) and then reads
 * every other party's work. Violations: leaving a round before all parties arrived, or not
 * seeing another party's work of that round afterwards. Every thread runs as many rounds as
 * the longest operation list of the workload (a thread with fewer rounds would leave the
 * others waiting forever, which is the workload's fault, not the barrier's).
 */
export function barrierInstance(env: SetupEnv, workload: Workload, impl: BarrierImpl, options: BarrierWorkloadOptions): Instance {
  checkOpKinds(options.target, workload, ['await']);
  const parties = workload.ops.length;
  if (parties < 1) throw new TargetError(`${options.target}: the barrier workload needs at least one thread`);
  const rounds = Math.max(...workload.ops.map((o) => o.length));
  const prefix = options.threadPrefix ?? 'cpu';
  const ghost: BarrierGhost = { arrived: [], peek: undefined };
  const slots = workload.ops.map((_, i) => env.mem.cell(`work.${prefix}${i}`, 0));
  const threads: ThreadSpec[] = workload.ops.map((_, i) => {
    const state: BarrierThreadState = { rounds, parties, impl, slots, ghost };
    return { name: `${prefix}${i}`, body: (t: ThreadApi) => barrierThread(t, state) };
  });
  return {
    threads,
    describe() {
      if (!ghost.peek) return [];
      return [...(impl.describe ? impl.describe(ghost.peek) : []), `arrivals per round: ${ghost.arrived.join(', ') || 'none'}`];
    },
  };
}
