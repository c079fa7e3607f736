import fc from 'fast-check';
import type { Cell } from './cell';
import type { MemoryModelName } from './memory-model';
import type { ThreadApi } from '../runtime/thread-api';
import { exhaustive, testTarget } from '../runtime/test-support/test-target';

/**
 * Differential test of the memory models: random small programs (stores, loads, fences, RMWs,
 * byte views) are run exhaustively by the engine, and their outcome sets are compared with a
 * separate, deliberately naive operational model of x86-TSO / SC written here from the
 * definition (per-cpu FIFO buffers of whole (addr, mask, value) entries; loads forward the own
 * buffer; fences and RMWs need an empty own buffer).
 */
type Instr =
  | { k: 'st'; v: number; x: number; byte: boolean }
  | { k: 'ld'; x: number }
  | { k: 'mb' }
  | { k: 'xchg'; v: number; x: number };

const instr: fc.Arbitrary<Instr> = fc.oneof(
  fc.record({ k: fc.constant('st' as const), v: fc.integer({ min: 1, max: 3 }), x: fc.integer({ min: 0, max: 1 }), byte: fc.boolean() }),
  fc.record({ k: fc.constant('ld' as const), x: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ k: fc.constant('mb' as const) }),
  fc.record({ k: fc.constant('xchg' as const), v: fc.integer({ min: 1, max: 3 }), x: fc.integer({ min: 0, max: 1 }) }),
);
const program = fc.array(fc.array(instr, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 2 });

// ---- reference model -----------------------------------------------------------------------
const INIT = 0x100; // words start at 0x100 so that byte stores (low byte) are visible as partial writes
interface Entry { x: number; mask: number; v: number }
interface State { pc: number[]; buf: Entry[][]; mem: number[]; regs: number[][] }

function refOutcomes(prog: Instr[][], model: MemoryModelName): Set<string> {
  const out = new Set<string>();
  const read = (s: State, t: number, x: number): number => {
    let w = s.mem[x];
    if (model === 'tso') for (const e of s.buf[t]) if (e.x === x) w = (w & ~e.mask) | e.v;
    return w >>> 0;
  };
  const commit = (mem: number[], e: Entry): void => {
    mem[e.x] = ((mem[e.x] & ~e.mask) | e.v) >>> 0;
  };
  const clone = (s: State): State => ({ pc: [...s.pc], buf: s.buf.map((b) => [...b]), mem: [...s.mem], regs: s.regs.map((r) => [...r]) });
  const visit = (s: State): void => {
    let moved = false;
    for (let t = 0; t < prog.length; t++) {
      if (model === 'tso' && s.buf[t].length > 0) {
        const n = clone(s);
        commit(n.mem, n.buf[t].shift()!);
        visit(n);
        moved = true;
      }
      if (s.pc[t] >= prog[t].length) continue;
      const i = prog[t][s.pc[t]];
      if ((i.k === 'mb' || i.k === 'xchg') && model === 'tso' && s.buf[t].length > 0) continue; // must drain first
      const n = clone(s);
      n.pc[t]++;
      if (i.k === 'st') {
        const e = { x: i.x, mask: i.byte ? 0xff : 0xffffffff, v: i.byte ? i.v & 0xff : i.v };
        if (model === 'tso') n.buf[t].push(e);
        else commit(n.mem, e);
      } else if (i.k === 'ld') {
        n.regs[t].push(read(n, t, i.x));
      } else if (i.k === 'xchg') {
        n.regs[t].push(n.mem[i.x]);
        n.mem[i.x] = i.v;
      }
      visit(n);
      moved = true;
    }
    if (!moved) out.add(`${s.regs.map((r) => r.join(',')).join('|')} mem=${s.mem.join(',')}`);
  };
  visit({ pc: prog.map(() => 0), buf: prog.map(() => []), mem: [INIT, INIT], regs: prog.map(() => []) });
  return out;
}

// ---- the engine --------------------------------------------------------------------------------
function engineOutcomes(prog: Instr[][], model: MemoryModelName): Set<string> {
  const out = new Set<string>();
  const target = testTarget((env) => {
    const words = [env.mem.cell('x', INIT), env.mem.cell('y', INIT)];
    const bytes = words.map((w) => env.mem.view(w, 0, 8, `${w.name}.b0`));
    const regs: number[][] = prog.map(() => []);
    let api: ThreadApi | undefined;
    const body = (code: Instr[], r: number[]) => function* (t: ThreadApi) {
      api = t;
      for (const i of code) {
        const c: Cell | undefined = i.k === 'mb' ? undefined : i.k === 'st' && i.byte ? bytes[i.x] : words[i.x];
        if (i.k === 'st') yield* t.writeOnce(c!, i.v);
        else if (i.k === 'ld') r.push(yield* t.readOnce(c!));
        else if (i.k === 'mb') yield* t.smp_mb();
        else r.push(yield* t.xchg(c!, i.v));
      }
    };
    return {
      threads: prog.map((code, i) => ({ body: body(code, regs[i]) })),
      atEnd: () => {
        out.add(`${regs.map((r) => r.join(',')).join('|')} mem=${words.map((w) => api!.peek(w)).join(',')}`);
        return undefined;
      },
    };
  });
  for (const o of exhaustive(target, model)) expect(o.verdict).toBe('ok');
  return out;
}

describe('memory models agree with a naive reference model on random programs', () => {
  for (const model of ['sc', 'tso'] as const) {
    it(`${model}: same outcome sets`, () => {
      fc.assert(
        fc.property(program, (prog) => {
          expect([...engineOutcomes(prog, model)].sort()).toEqual([...refOutcomes(prog, model)].sort());
        }),
        { numRuns: 60, seed: 4242 },
      );
    });
  }
});
