import { WordCellAllocator } from './cell-allocator';
import { Arm64LiteMemory, RMW_ACQUIRE, RMW_FULL, RMW_RELAXED } from './arm64-lite-memory';
import { outcomes, type Litmus, type Regs } from './test-support/litmus-outcomes';
import type { SetupEnv } from '../target/target';
import { exhaustive, ListStrategy, options, testTarget } from '../runtime/test-support/test-target';
import { runExecution } from '../runtime/execute';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEMORY_MODELS } from './memory-model';
import { parseMemory } from '../fuzz/fuzz-tasks';
import { listTargets } from '../cli/commands/list';

function setup() {
  const a = new WordCellAllocator();
  const x = a.cell('x');
  const y = a.cell('y');
  const w = a.cell('w', 0x11223344);
  const lo = a.view(w, 0, 8, 'w.lo');
  return { x, y, w, lo, mem: new Arm64LiteMemory(a.initialWords(), 2) };
}

describe('Arm64LiteMemory', () => {
  it('commits stores out of order unless the same word or a barrier holds them back', () => {
    const { x, y, mem } = setup();
    mem.store(0, x, 1);
    mem.store(0, y, 1);
    mem.store(0, x, 2);
    expect(mem.flushSlots(0)).toBe(2); // x=1 and y=1; x=2 waits behind x=1
    expect({ ...mem.flushSlot(0, 1) }).toEqual({ cell: y, value: 1 });
    expect(mem.peek(y)).toBe(1);
    expect(mem.peek(x)).toBe(0);
    expect(mem.committedCount(0)).toBe(0); // the oldest store is still buffered
    expect(mem.bufferedCount(0)).toBe(3);
    mem.flushOldest(0);
    expect(mem.committedCount(0)).toBe(2);
    mem.wmb(0);
    mem.store(0, y, 2);
    expect(mem.flushSlots(0)).toBe(1); // y=2 is behind the smp_wmb, x=2 is older
    mem.drain(0);
    expect([mem.peek(x), mem.peek(y), mem.committedCount(0), mem.bufferedCount(0)]).toEqual([2, 2, 4, 0]);
  });

  it('notes the step in which each write committed (flushes, RMWs), for moving a stale read back', () => {
    const a = new WordCellAllocator();
    const x = a.cell('x');
    const y = a.cell('y');
    let step = 0;
    const mem = new Arm64LiteMemory(a.initialWords(), 2, () => step);
    step = 3;
    mem.store(0, x, 1);
    mem.store(0, y, 1);
    step = 5;
    mem.flushSlot(0, 1); // y=1 commits first: timestamp 1
    step = 8;
    mem.flushOldest(0); // x=1: timestamp 2
    step = 9;
    mem.rmwOrdered(1, x, (v) => v + 1, RMW_FULL, -1); // timestamp 3
    expect([mem.commitStep(0), mem.commitStep(1), mem.commitStep(2), mem.commitStep(3)]).toEqual([0, 5, 8, 9]);
  });

  it('a release store waits for every older store; a later plain store may pass it', () => {
    const { x, y, w, mem } = setup();
    mem.store(0, x, 1);
    mem.storeRelease(0, y, 1);
    mem.store(0, w, 7);
    expect(mem.flushSlots(0)).toBe(2); // x=1 and w=7, not the release
    mem.flushSlot(0, 1);
    expect(mem.peek(w)).toBe(7);
    mem.flushOldest(0);
    expect(mem.flushSlots(0)).toBe(1);
  });

  it('loads read any write not older than coherence and the barriers allow; 0 = newest', () => {
    const { x, mem } = setup();
    mem.store(0, x, 1);
    mem.drain(0);
    mem.store(0, x, 2);
    mem.drain(0);
    expect(mem.beginRead(1, x, false)).toBe(3); // 2, 1 and the initial 0
    expect(mem.readableValue(1, x, 2)).toBe(0);
    expect(mem.readAt(1, x, 1, false)).toBe(1);
    expect(mem.lastSuperseded).toBe(2); // the write of 2 (timestamp 2) overwrote it
    expect(mem.beginRead(1, x, false)).toBe(2); // coherence: never older than what it read
    expect(mem.readAt(1, x, 0, false)).toBe(2);
    expect(mem.beginRead(1, x, false)).toBe(1);
    // own writes: cpu0 wrote timestamp 2, so it cannot read older
    expect(mem.beginRead(0, x, false)).toBe(1);
  });

  it('forwards the own buffered store (then nothing older is readable) and the newest write fills the other bytes', () => {
    const { w, lo, mem } = setup();
    mem.store(1, w, 0x55667788);
    mem.drain(1);
    mem.store(0, lo, 0xaa);
    expect(mem.beginRead(0, w, false)).toBe(1);
    expect(mem.readAt(0, w, 0, false)).toBe(0x556677aa);
    expect(mem.load(1, w)).toBe(0x55667788);
  });

  it('smp_rmb and acquire order later loads; syncNow makes everything committed so far visible', () => {
    const { x, y, mem } = setup();
    mem.store(0, x, 1);
    mem.storeRelease(0, y, 1);
    mem.drain(0);
    // cpu1 reads y = 1 (timestamp 2): after smp_rmb, x = 1 (timestamp 1) is the oldest readable
    expect(mem.beginRead(1, x, false)).toBe(2);
    mem.beginRead(1, y, false);
    mem.readAt(1, y, 0, false);
    expect(mem.beginRead(1, x, false)).toBe(2);
    mem.rmb(1);
    expect(mem.beginRead(1, x, false)).toBe(1);
    const m2 = setup().mem;
    const c2 = setup();
    m2.store(0, c2.x, 1);
    m2.drain(0);
    expect(m2.beginRead(1, c2.x, false)).toBe(2);
    m2.syncNow(1);
    expect(m2.beginRead(1, c2.x, false)).toBe(1);
  });

  it('RMWs read the newest write; a failed cmpxchg writes and orders nothing; the order decides what is committed first', () => {
    const { x, y, mem } = setup();
    mem.store(0, y, 1);
    expect(mem.rmwOrdered(0, x, () => 5, RMW_RELAXED, -1)).toBe(0);
    expect([mem.peek(x), mem.peek(y)]).toEqual([5, 0]); // a relaxed RMW lets the older store wait
    expect(mem.rmwOrdered(0, x, () => 9, RMW_ACQUIRE, 4)).toBe(5); // cmpxchg(4 -> 9) fails
    expect(mem.peek(x)).toBe(5);
    expect(mem.clock).toBe(1);
    expect(mem.rmwOrdered(0, x, () => 9, RMW_FULL, 4)).toBe(5); // a failed fully ordered cmpxchg orders nothing
    expect([mem.peek(y), mem.quiescent()]).toEqual([0, false]);
    mem.rmwOrdered(0, x, () => 6, RMW_FULL, -1);
    expect([mem.peek(x), mem.peek(y), mem.quiescent()]).toEqual([6, 1, true]);
  });
});

// ---- the runtime: kernel operations, knobs, read choices in the decision log -------------------

const lockThenRead = (env: SetupEnv, regs: Regs): Litmus => {
  const l = env.mem.cell('lock');
  const x = env.mem.cell('x');
  return {
    threads: [
      function* (t) {
        yield* t.spinLock(l);
        regs.r0 = yield* t.readOnce(x);
      },
      function* (t) {
        yield* t.writeOnce(x, 1);
        yield* t.smp_mb();
        regs.r1 = yield* t.readOnce(l);
      },
    ],
    result: (r) => `x=${r.r0} locked=${r.r1 === 0 ? 0 : 1}`,
  };
};

describe('arm64-lite in the runtime', () => {
  it('a lock acquire is an acquire, not a full barrier (knob lockAcquireIsFence, default false on arm64-lite)', () => {
    // spin_is_locked() shape: the critical section's load passes the lock store
    expect(outcomes('arm64-lite', lockThenRead)).toContain('x=0 locked=0');
    expect(outcomes('arm64-lite', lockThenRead, { lockAcquireIsFence: true })).not.toContain('x=0 locked=0');
    expect(outcomes('tso', lockThenRead)).not.toContain('x=0 locked=0');
  });

  const ipi = (env: SetupEnv, regs: Regs): Litmus => {
    const d = env.mem.cell('d');
    env.onIpi(1, function* (t) {
      regs.r0 = yield* t.readOnce(d);
    });
    return {
      threads: [
        function* (t) {
          yield* t.writeOnce(d, 1);
          yield* t.ipiSend(1, 1);
        },
        function* (t) {
          yield* t.cpuRelax();
        },
      ],
      result: (r) => `handler read ${r.r0}`,
    };
  };

  it('an IPI handler sees the sender\'s earlier stores iff knob ipiSendIsFence (delivery is context synchronising)', () => {
    expect(outcomes('arm64-lite', ipi)).toEqual(['handler read 1']);
    expect(outcomes('arm64-lite', ipi, { ipiSendIsFence: false })).toEqual(['handler read 0', 'handler read 1']);
  });

  const spinMp = (order: 'acquire' | undefined) => (env: SetupEnv, regs: Regs): Litmus => {
    const d = env.mem.cell('d');
    const f = env.mem.cell('f');
    return {
      threads: [
        function* (t) {
          yield* t.writeOnce(d, 1);
          yield* t.smp_store_release(f, 1);
        },
        function* (t) {
          yield* t.waitUntil(f, (v) => v === 1, 'flag', order);
          regs.r0 = yield* t.readOnce(d);
        },
      ],
      result: (r) => `d=${r.r0}`,
    };
  };

  it('waitUntil with acquire (smp_cond_load_acquire) orders the loads after the spin; a plain one does not', () => {
    expect(outcomes('arm64-lite', spinMp('acquire'))).toEqual(['d=1']);
    expect(outcomes('arm64-lite', spinMp(undefined))).toEqual(['d=0', 'd=1']);
  });

  const xchgFlag = (order: 'relaxed' | 'release') => (env: SetupEnv, regs: Regs): Litmus => {
    const d = env.mem.cell('d');
    const f = env.mem.cell('f');
    return {
      threads: [
        function* (t) {
          yield* t.writeOnce(d, 1);
          yield* t.xchg(f, 1, order);
        },
        function* (t) {
          regs.r0 = yield* t.smp_load_acquire(f);
          regs.r1 = yield* t.readOnce(d);
        },
      ],
      result: (r) => `${r.r0}${r.r1}`,
    };
  };

  it('RMW orders: xchg_relaxed lets an older store pass it, xchg_release does not', () => {
    expect(outcomes('arm64-lite', xchgFlag('relaxed'))).toContain('10');
    expect(outcomes('arm64-lite', xchgFlag('release'))).not.toContain('10');
  });

  const failedCas = (rmb: boolean) => (env: SetupEnv, regs: Regs): Litmus => {
    const d = env.mem.cell('d');
    const f = env.mem.cell('f');
    return {
      threads: [
        function* (t) {
          yield* t.writeOnce(d, 1);
          yield* t.smp_store_release(f, 1);
        },
        function* (t) {
          regs.r0 = yield* t.cmpxchg(f, 5, 6); // always fails: it only reads f
          if (rmb) yield* t.smp_rmb();
          regs.r1 = yield* t.readOnce(d);
        },
      ],
      result: (r) => `${r.r0}${r.r1}`,
    };
  };

  it('a failed cmpxchg orders nothing: the pvqspinlock unlock needs its smp_rmb', () => {
    expect(outcomes('arm64-lite', failedCas(false))).toContain('10');
    expect(outcomes('arm64-lite', failedCas(true))).not.toContain('10');
    expect(outcomes('tso', failedCas(false))).not.toContain('10');
  });

  it('logs read choices as value points and flush slots as options; replaying the log reproduces the stale read', () => {
    const target = testTarget((env) => {
      const x = env.mem.cell('x');
      const y = env.mem.cell('y');
      return {
        threads: [
          {
            body: function* (t) {
              yield* t.writeOnce(x, 1);
              yield* t.writeOnce(y, 1);
            },
          },
          {
            body: function* (t) {
              const a = yield* t.readOnce(y);
              const b = yield* t.readOnce(x);
              t.assert(!(a === 1 && b === 0), 'saw y = 1 and then x = 0');
            },
          },
        ],
      };
    });
    const runs = exhaustive(target, 'arm64-lite');
    const bad = runs.find((r) => r.verdict === 'violation');
    expect(bad).toBeDefined();
    const again = runExecution(options(target, new ListStrategy(bad!.decisions), 'arm64-lite', { recordTrace: true }));
    expect(again.finding?.message).toBe('saw y = 1 and then x = 0');
    const rows = again.trace!.map((r) => `${r.op} ${r.cell ?? ''} ${r.value ?? ''}`);
    expect(rows.some((r) => /^flush y 1 \(ahead of older stores\)/.test(r)) || rows.some((r) => /readOnce x 0 \(stale: 1 newer write\)/.test(r))).toBe(true);
    const points = new ListStrategy(bad!.decisions);
    const readWords: (number | undefined)[] = [];
    const choose = points.choose.bind(points);
    points.choose = (p) => {
      if (p.type === 'value') readWords.push(p.readWord);
      return choose(p);
    };
    runExecution(options(target, points, 'arm64-lite'));
    expect(points.points.some((p) => /flush/.test(p)) || readWords.length > 0).toBe(true);
    // every value point of this program is a read choice, naming the word read (x = 0, y = 1)
    for (const w of readWords) expect([0, 1]).toContain(w);
  });

  it('a stale read moves its operation\'s call back before the write that overwrote the value (no false non-linearizability)', () => {
    const target = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [
          {
            body: function* (t) {
              t.invoke('write', 1);
              yield* t.writeOnce(x, 1);
              yield* t.smp_mb();
              t.ok();
            },
          },
          {
            body: function* (t) {
              yield* t.cpuRelax();
              yield* t.cpuRelax();
              t.invoke('read');
              t.ok(yield* t.readOnce(x));
            },
          },
        ],
      };
    });
    let stale = 0;
    for (const r of exhaustive(target, 'arm64-lite')) {
      const [w, rd] = [r.history.find((o) => o.f === 'write')!, r.history.find((o) => o.f === 'read')!];
      if (rd.output !== 0) continue;
      // reading the initial 0 means the read was performed before the write's store landed
      expect(w.ret! < rd.call).toBe(false);
      if (w.ret! < 10 && rd.call <= w.ret!) stale++;
    }
    expect(stale).toBeGreaterThan(0);
  });
});

describe('the one list of memory models', () => {
  it('is what the corpus schema, --memory all and lockstep list use', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/corpus-entry.schema.json'), 'utf8')) as { $defs: { memoryModel: { enum: string[] } } };
    expect(schema.$defs.memoryModel.enum).toEqual([...MEMORY_MODELS]);
    expect(parseMemory('all')).toEqual([...MEMORY_MODELS]);
    expect(parseMemory('tso,arm64-lite')).toEqual(['tso', 'arm64-lite']);
    expect(() => parseMemory('arm')).toThrow(/--memory: expected sc, tso, arm64-lite/);
    const listed = listTargets([testTarget(() => ({ threads: [] }))]);
    expect(Object.keys(listed[0].variants[0].expect)).toEqual([...MEMORY_MODELS]);
  });
});
