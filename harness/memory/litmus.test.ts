import type { SetupEnv } from '../target/target';
import { outcomes, type Litmus, type Regs } from './test-support/litmus-outcomes';

/**
 * Litmus tests: the EXACT set of outcomes of each program under each memory model, by
 * exhaustive enumeration of every decision sequence (thread choices and store-buffer flushes).
 * arm64-lite has its own table (arm64-lite-litmus.test.ts).
 */
const sb = (fence: boolean) => (env: SetupEnv, regs: Regs): Litmus => {
  const x = env.mem.cell('x');
  const y = env.mem.cell('y');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(x, 1);
        if (fence) yield* t.smp_mb();
        regs.r0 = yield* t.readOnce(y);
      },
      function* (t) {
        yield* t.writeOnce(y, 1);
        if (fence) yield* t.smp_mb();
        regs.r1 = yield* t.readOnce(x);
      },
    ],
    result: (r) => `${r.r0}${r.r1}`,
  };
};

describe('litmus: SB (store buffering)', () => {
  it('sc forbids r0=r1=0', () => {
    expect(outcomes('sc', sb(false))).toEqual(['01', '10', '11']);
  });
  it('tso allows r0=r1=0', () => {
    expect(outcomes('tso', sb(false))).toEqual(['00', '01', '10', '11']);
  });
  it('smp_mb forbids r0=r1=0 under sc and tso', () => {
    expect(outcomes('sc', sb(true))).toEqual(['01', '10', '11']);
    expect(outcomes('tso', sb(true))).toEqual(['01', '10', '11']);
  });
  it('an RMW (xchg) in place of the store also forbids it under tso', () => {
    const prog = (env: SetupEnv, regs: Regs): Litmus => {
      const x = env.mem.cell('x');
      const y = env.mem.cell('y');
      return {
        threads: [
          function* (t) {
            yield* t.xchg(x, 1);
            regs.r0 = yield* t.readOnce(y);
          },
          function* (t) {
            yield* t.xchg(y, 1);
            regs.r1 = yield* t.readOnce(x);
          },
        ],
        result: (r) => `${r.r0}${r.r1}`,
      };
    };
    expect(outcomes('tso', prog)).toEqual(['01', '10', '11']);
  });
});

const mp = (env: SetupEnv, regs: Regs): Litmus => {
  const data = env.mem.cell('data');
  const flag = env.mem.cell('flag');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(data, 1);
        yield* t.smp_store_release(flag, 1);
      },
      function* (t) {
        regs.r0 = yield* t.smp_load_acquire(flag);
        regs.r1 = yield* t.readOnce(data);
      },
    ],
    result: (r) => `${r.r0}${r.r1}`,
  };
};

describe('litmus: MP (message passing)', () => {
  it('forbids flag=1 data=0 under sc and tso', () => {
    expect(outcomes('sc', mp)).toEqual(['00', '01', '11']);
    expect(outcomes('tso', mp)).toEqual(['00', '01', '11']);
  });
});

const lb = (env: SetupEnv, regs: Regs): Litmus => {
  const x = env.mem.cell('x');
  const y = env.mem.cell('y');
  return {
    threads: [
      function* (t) {
        regs.r0 = yield* t.readOnce(x);
        yield* t.writeOnce(y, 1);
      },
      function* (t) {
        regs.r1 = yield* t.readOnce(y);
        yield* t.writeOnce(x, 1);
      },
    ],
    result: (r) => `${r.r0}${r.r1}`,
  };
};

describe('litmus: LB (load buffering)', () => {
  it('forbids r0=r1=1 under sc and tso', () => {
    expect(outcomes('sc', lb)).toEqual(['00', '01', '10']);
    expect(outcomes('tso', lb)).toEqual(['00', '01', '10']);
  });
});

const twoPlusTwoW = (env: SetupEnv): Litmus => {
  const x = env.mem.cell('x');
  const y = env.mem.cell('y');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(x, 1);
        yield* t.writeOnce(y, 2);
      },
      function* (t) {
        yield* t.writeOnce(y, 1);
        yield* t.writeOnce(x, 2);
      },
    ],
    result: (_r, peek) => `x=${peek(x)} y=${peek(y)}`,
  };
};

describe('litmus: 2+2W', () => {
  it('forbids final x=1 y=1 under sc and tso (stores commit in order)', () => {
    expect(outcomes('sc', twoPlusTwoW)).toEqual(['x=1 y=2', 'x=2 y=1', 'x=2 y=2']);
    expect(outcomes('tso', twoPlusTwoW)).toEqual(['x=1 y=2', 'x=2 y=1', 'x=2 y=2']);
  });
});

const iriw = (env: SetupEnv, regs: Regs): Litmus => {
  const x = env.mem.cell('x');
  const y = env.mem.cell('y');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(x, 1);
      },
      function* (t) {
        yield* t.writeOnce(y, 1);
      },
      function* (t) {
        regs.r0 = yield* t.readOnce(x);
        regs.r1 = yield* t.readOnce(y);
      },
      function* (t) {
        regs.r2 = yield* t.readOnce(y);
        regs.r3 = yield* t.readOnce(x);
      },
    ],
    result: (r) => `${r.r0}${r.r1}${r.r2}${r.r3}`,
  };
};

describe('litmus: IRIW', () => {
  const all = Array.from({ length: 16 }, (_, i) => i.toString(2).padStart(4, '0'));
  const allowed = all.filter((o) => o !== '1010').sort();
  it('readers never disagree on the order of independent writes (sc, tso: multi-copy atomic)', () => {
    expect(outcomes('sc', iriw)).toEqual(allowed);
    expect(outcomes('tso', iriw)).toEqual(allowed);
  });
});

const corr = (env: SetupEnv, regs: Regs): Litmus => {
  const x = env.mem.cell('x');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(x, 1);
        regs.own = yield* t.readOnce(x);
      },
      function* (t) {
        regs.r0 = yield* t.readOnce(x);
        regs.r1 = yield* t.readOnce(x);
      },
    ],
    result: (r) => `own=${r.own} ${r.r0}${r.r1}`,
  };
};

describe('litmus: CoRR and read-own-write', () => {
  it('a later read never sees an older value; a cpu always reads its own store', () => {
    expect(outcomes('sc', corr)).toEqual(['own=1 00', 'own=1 01', 'own=1 11']);
    expect(outcomes('tso', corr)).toEqual(['own=1 00', 'own=1 01', 'own=1 11']);
  });
});

const mixed = (env: SetupEnv, regs: Regs): Litmus => {
  const w = env.mem.cell('w', 0x11223344);
  const b1 = env.mem.view(w, 8, 8, 'w.b1');
  const lo = env.mem.view(w, 0, 8, 'w.lo');
  const hi = env.mem.view(w, 16, 16, 'w.hi');
  return {
    threads: [
      function* (t) {
        yield* t.writeOnce(b1, 0xaa);
        yield* t.writeOnce(b1, 0xbb);
        regs.r0 = yield* t.readOnce(w);
        regs.hi = yield* t.readOnce(hi);
      },
      function* (t) {
        regs.old = yield* t.fetchAdd(lo, 0xff);
        regs.r1 = yield* t.readOnce(w);
      },
    ],
    result: (r, peek) => `r0=${r.r0.toString(16)} r1=${r.r1.toString(16)} hi=${r.hi.toString(16)} old=${r.old.toString(16)} final=${peek(w).toString(16)}`,
  };
};

describe('litmus: mixed-size accesses on one word', () => {
  const key = (r0: string, r1: string) => `r0=1122bb${r0} r1=1122${r1}43 hi=1122 old=44 final=1122bb43`;
  it('sc: byte stores, a masked 8-bit RMW that does not carry, full-word loads', () => {
    expect(outcomes('sc', mixed)).toEqual([key('43', '33'), key('43', 'aa'), key('43', 'bb'), key('44', 'bb')].sort());
  });
  it('tso: the own buffered byte stores are forwarded (newest wins), the other cpu sees them only once flushed', () => {
    const all = ['43', '44'].flatMap((a) => ['33', 'aa', 'bb'].map((b) => key(a, b)));
    expect(outcomes('tso', mixed)).toEqual(all.sort());
  });
});
