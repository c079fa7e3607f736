import type { MemoryKnobs, MemoryModelName } from '../memory-model';
import type { ThreadApi, ThreadBody } from '../../runtime/thread-api';
import type { SetupEnv } from '../../target/target';
import { exhaustive, testTarget } from '../../runtime/test-support/test-target';

/** Registers of a litmus program (written by its threads, read by its result). */
export type Regs = Record<string, number>;

/** A litmus program: its threads and how an outcome is named. */
export interface Litmus {
  threads: ThreadBody[];
  /** Outcome key from the registers and the final committed memory. */
  result(regs: Regs, peek: ThreadApi['peek']): string;
}

/**
 * The EXACT set of outcomes of a litmus program under a memory model: every decision sequence
 * (thread choices, store-buffer flushes, arm64-lite read choices) is enumerated, sorted keys.
 */
export function outcomes(memory: MemoryModelName, build: (env: SetupEnv, regs: Regs) => Litmus, knobs?: Partial<MemoryKnobs>): string[] {
  const seen = new Set<string>();
  const target = testTarget((env) => {
    const regs: Regs = {};
    const l = build(env, regs);
    let api: ThreadApi | undefined;
    return {
      threads: l.threads.map((body, i) => ({
        name: `cpu${i}`,
        body: function* (t: ThreadApi) {
          api = t;
          yield* body(t);
        },
      })),
      atEnd: () => {
        seen.add(l.result(regs, (c) => api!.peek(c)));
        return undefined;
      },
    };
  });
  const runs = exhaustive(target, memory, knobs ? { knobs } : {});
  for (const r of runs) if (r.verdict !== 'ok') throw new Error(`litmus run ended ${r.verdict}: ${r.finding?.message}`);
  return [...seen].sort();
}
