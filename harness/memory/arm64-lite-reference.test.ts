import fc from 'fast-check';
import type { Cell } from './cell';
import type { ThreadApi } from '../runtime/thread-api';
import { exhaustive, testTarget } from '../runtime/test-support/test-target';
import { outcomeKey, referenceOutcomes, type RefInstr } from './test-support/armv8-axiomatic';

/**
 * Differential test of arm64-lite: random small programs (plain, release and acquire
 * accesses, the three barriers, fully ordered xchg) are run exhaustively by the engine
 * (every schedule, every out-of-order commit, every readable older value), and their outcome
 * sets must equal those of an independent axiomatic enumerator of ARMv8 + "no load
 * buffering" (test-support/armv8-axiomatic.ts). Equal sets mean the operational model is
 * sound (nothing ARMv8 forbids) and complete (everything ARMv8 without load buffering
 * allows) on these programs.
 */
const LOCS = 2;

const instr: fc.Arbitrary<RefInstr> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('W' as const), x: fc.integer({ min: 0, max: LOCS - 1 }), v: fc.integer({ min: 1, max: 2 }), rel: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('R' as const), x: fc.integer({ min: 0, max: LOCS - 1 }), acq: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('F' as const), f: fc.constantFrom('full' as const, 'ld' as const, 'st' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('X' as const), x: fc.integer({ min: 0, max: LOCS - 1 }), v: fc.integer({ min: 1, max: 2 }) }) },
);

function engineOutcomes(prog: readonly (readonly RefInstr[])[]): Set<string> {
  const seen = new Set<string>();
  const target = testTarget((env) => {
    const cells: Cell[] = Array.from({ length: LOCS }, (_, x) => env.mem.cell(`m${x}`));
    const regs: number[][] = prog.map(() => []);
    let api: ThreadApi | undefined;
    return {
      threads: prog.map((thread, t) => ({
        name: `cpu${t}`,
        body: function* (th: ThreadApi) {
          api = th;
          for (const i of thread) {
            if (i.k === 'W') {
              if (i.rel) yield* th.smp_store_release(cells[i.x], i.v);
              else yield* th.writeOnce(cells[i.x], i.v);
            } else if (i.k === 'R') {
              regs[t].push(i.acq ? yield* th.smp_load_acquire(cells[i.x]) : yield* th.readOnce(cells[i.x]));
            } else if (i.k === 'F') {
              if (i.f === 'full') yield* th.smp_mb();
              else if (i.f === 'ld') yield* th.smp_rmb();
              else yield* th.smp_wmb();
            } else {
              regs[t].push(yield* th.xchg(cells[i.x], i.v));
            }
          }
        },
      })),
      atEnd: () => {
        seen.add(outcomeKey(regs, cells.map((c) => api!.peek(c))));
        return undefined;
      },
    };
  });
  for (const r of exhaustive(target, 'arm64-lite')) if (r.verdict !== 'ok') throw new Error(`run ended ${r.verdict}`);
  return seen;
}

describe('arm64-lite against an axiomatic ARMv8 (no load buffering) reference', () => {
  it('agrees on hand-picked shapes (MP+po+dmb.ld, 2+2W, SB+rel+acq)', () => {
    const W = (x: number, v: number, rel = false): RefInstr => ({ k: 'W', x, v, rel });
    const R = (x: number, acq = false): RefInstr => ({ k: 'R', x, acq });
    const progs: RefInstr[][][] = [
      [[W(0, 1), W(1, 1)], [R(1), { k: 'F', f: 'ld' }, R(0)]],
      [[W(0, 1), W(1, 2)], [W(1, 1), W(0, 2)]],
      [[W(0, 1, true), R(1, true)], [W(1, 1, true), R(0, true)]],
    ];
    for (const p of progs) expect([...engineOutcomes(p)].sort()).toEqual([...referenceOutcomes(p, LOCS)].sort());
  });

  it('agrees on random 2-thread programs of up to 3 instructions', () => {
    fc.assert(
      fc.property(fc.array(fc.array(instr, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 2 }), (prog) => {
        expect([...engineOutcomes(prog)].sort()).toEqual([...referenceOutcomes(prog, LOCS)].sort());
      }),
      { numRuns: 150, seed: 4213 },
    );
  });

  it('agrees on random 3-thread programs of up to 2 instructions', () => {
    fc.assert(
      fc.property(fc.array(fc.array(instr, { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }), (prog) => {
        expect([...engineOutcomes(prog)].sort()).toEqual([...referenceOutcomes(prog, LOCS)].sort());
      }),
      { numRuns: 60, seed: 977 },
    );
  });
});
