import type { Cell } from '../../harness/memory/cell';
import { WordCellAllocator } from '../../harness/memory/cell-allocator';
import { checkAtEnd, checkInvariant } from './qspin-checks';
import type { QspinConfig } from './qspin-config';
import { BASE_CONFIG, VCPU_HALTED } from './qspin-config';
import { describeWorld } from './qspin-describe';
import { encodeTail, nodeRef } from './lock-word';
import { QspinWorld } from './qspin-world';

/** A world over plain memory: the checks read words through `peek`. */
function world(over: Partial<QspinConfig>, locks = ['L']) {
  const alloc = new WordCellAllocator();
  const w = new QspinWorld(alloc, { ...BASE_CONFIG, flavour: 'pv', ...over }, 3, locks, String);
  const words = alloc.initialWords();
  const peek = (c: Cell) => ((words[c.addr] & c.mask) >>> 0) >>> c.shift;
  const poke = (c: Cell, v: number) => {
    words[c.addr] = ((words[c.addr] & ~c.mask) | ((v << c.shift) & c.mask)) >>> 0;
  };
  return { w, peek, poke };
}

describe('qspinlock invariants (section 8)', () => {
  it('accept a consistent state: cpu1 queued as tail, lock held', () => {
    const { w, peek, poke } = world({});
    poke(w.locks[0].val, encodeTail(1, 0) | 1);
    w.ghost.slowpathLock[1] = 0;
    w.ghost.count[1] = 1;
    expect(checkInvariant(w, peek)).toBeUndefined();
  });

  it('I-LW: an illegal locked byte, and a tail naming a cpu that is not queued', () => {
    const a = world({});
    a.poke(a.w.locks[0].locked, 7);
    expect(checkInvariant(a.w, a.peek)).toMatch(/I-LW: L.locked = 7, legal values are 0, 1, 3/);
    const b = world({});
    b.poke(b.w.locks[0].val, encodeTail(2, 0));
    expect(checkInvariant(b.w, b.peek)).toMatch(/I-LW: L tail names cpu2\/0, which is not queued on L/);
  });

  it('I-H1 counts entries and pv_hash calls in flight; relaxed mode records a diagnostic instead', () => {
    for (const strictHash of [true, false]) {
      const { w, peek } = world({ strictHash, hashSize: 2 });
      w.ghost.slowpathLock[2] = 0;
      w.ghost.slotLock[0] = 0;
      w.ghost.slotNode[0] = nodeRef(2, 0);
      w.ghost.hashing[1] = 0;
      const msg = checkInvariant(w, peek);
      if (strictHash) expect(msg).toBe('I-H1: 2 hash entries for one lock L: hash[0]=(L, cpu2/0), pv_hash(L) in flight on cpu1');
      else {
        expect(msg).toBeUndefined();
        expect(w.ghost.diagnostics).toEqual(['I-H1: 2 hash entries for one lock L: hash[0]=(L, cpu2/0), pv_hash(L) in flight on cpu1']);
      }
    }
  });

  it('I-H2: an entry whose cpu left the slowpath is stale; I-Q reports it as a leak at the end', () => {
    const { w, peek } = world({});
    w.ghost.slotLock[0] = 0;
    w.ghost.slotNode[0] = nodeRef(0, 0);
    expect(checkInvariant(w, peek)).toBe('I-H2: stale hash entry hash[0]=(L, cpu0/0): cpu0 is not in the slowpath of L');
    expect(checkAtEnd(w, peek)).toBe('I-Q: leak: stale entry hash[0]=(L, cpu0/0) left in the hash table at quiescence');
  });

  it('I-S: a v4.8 head publishing vcpu_halted; v4.7 is exempt (its head does that by design)', () => {
    const d = world({});
    d.w.ghost.inHeadWait[1] = 1;
    d.poke(d.w.nodes[1][0].state, VCPU_HALTED);
    expect(checkInvariant(d.w, d.peek)).toMatch(/I-S: cpu1 is queue head in pv_wait_head_or_lock with node state vcpu_halted/);
    const a = world({ headWaitState: VCPU_HALTED });
    a.w.ghost.inHeadWait[1] = 1;
    a.poke(a.w.nodes[1][0].state, VCPU_HALTED);
    expect(checkInvariant(a.w, a.peek)).toBeUndefined();
  });

  it('I-C (hash-val): an entry while the locked byte is plain LOCKED', () => {
    const { w, peek, poke } = world({ flavour: 'hash-val' });
    poke(w.locks[0].val, 1);
    w.ghost.slowpathLock[1] = 0;
    w.ghost.slotLock[0] = 0;
    w.ghost.slotNode[0] = nodeRef(1, 0);
    expect(checkInvariant(w, peek)).toBe('I-C: hash[0] holds L but its locked byte is 1 (not HASH or SLOW)');
  });

  it('I-Q: a lock word left non-zero; I-W1 explains a halted head nobody can wake', () => {
    const { w, peek, poke } = world({});
    poke(w.locks[0].val, encodeTail(1, 0));
    expect(checkAtEnd(w, peek)).toBe('I-Q: L = 0x80000 after every cpu finished (expected 0)');
    w.ghost.slowpathLock[1] = 0;
    w.ghost.count[1] = 1;
    w.ghost.mcsHead[0] = 1;
    w.ghost.waitKind[1] = 2;
    w.ghost.waitLock[1] = 0;
    expect(describeWorld(w, peek)).toContain('I-W1: cpu1 in pv_wait (queue head of L) cannot be woken: L.locked = 0, 0 hash entries for L (0 naming cpu1), no kick owed');
  });
});
