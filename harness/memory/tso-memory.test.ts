import { WordCellAllocator } from './cell-allocator';
import { createMemoryModel } from './create-memory-model';

function setup() {
  const a = new WordCellAllocator();
  const w = a.cell('w', 0x11223344);
  const x = a.cell('x');
  const lo = a.view(w, 0, 8, 'w.lo');
  const mid = a.view(w, 8, 16, 'w.mid');
  return { a, w, x, lo, mid, mem: createMemoryModel('tso', a.initialWords(), 2) };
}

describe('TsoMemory', () => {
  it('buffers stores per cpu, forwards them to the own loads only, flushes FIFO', () => {
    const { w, x, lo, mem } = setup();
    mem.store(0, lo, 0xaa);
    mem.store(0, x, 5);
    mem.store(0, lo, 0xbb);
    expect(mem.load(0, w)).toBe(0x112233bb);
    expect(mem.load(1, w)).toBe(0x11223344);
    expect(mem.cpusWithPendingStores()).toEqual([0]);
    expect(mem.quiescent()).toBe(false);
    expect({ ...mem.flushOldest(0) }).toEqual({ cell: lo, value: 0xaa });
    expect(mem.peek(w)).toBe(0x112233aa);
    expect(mem.load(1, x)).toBe(0);
    expect(mem.flushOldest(0).value).toBe(5);
    expect(mem.load(1, x)).toBe(5);
    mem.flushOldest(0);
    expect(mem.peek(w)).toBe(0x112233bb);
    expect(mem.quiescent()).toBe(true);
    expect(mem.cpusWithPendingStores()).toEqual([]);
    expect(() => mem.flushOldest(0)).toThrow(/empty/);
  });

  it('an RMW on a view works on the field only and drains the own buffer first', () => {
    const { w, x, mid, mem } = setup();
    mem.store(0, x, 1);
    const old = mem.rmw(0, mid, (v) => v + 0x10000 - 1, true); // 16-bit wrap: 0x2233 - 1
    expect(old).toBe(0x2233);
    expect(mem.peek(w)).toBe(0x11223244);
    expect(mem.peek(x)).toBe(1);
    expect(mem.quiescent()).toBe(true);
  });

  it('a non-draining RMW commits only the own stores up to the newest one to the same word', () => {
    const { w, x, lo, mem } = setup();
    mem.store(1, lo, 0);
    mem.store(1, x, 9);
    const old = mem.rmw(1, w, (v) => v | 0x80000000, false);
    expect(old).toBe(0x11223300);
    expect(mem.peek(w)).toBe(0x91223300);
    expect(mem.peek(x)).toBe(0);
    expect(mem.cpusWithPendingStores()).toEqual([1]);
  });

  it('drain commits everything of one cpu in order', () => {
    const { x, mem } = setup();
    mem.store(1, x, 1);
    mem.store(1, x, 2);
    mem.store(0, x, 3);
    mem.drain(1);
    expect(mem.peek(x)).toBe(2);
    expect(mem.cpusWithPendingStores()).toEqual([0]);
  });
});

describe('WordCellAllocator', () => {
  it('builds masked views and rejects views that do not fit', () => {
    const a = new WordCellAllocator();
    const w = a.cell('w', -1);
    expect(a.initialWords()[0]).toBe(0xffffffff);
    expect(a.view(w, 16, 16, 'hi')).toEqual({ addr: 0, shift: 16, bits: 16, mask: 0xffff0000, name: 'hi' });
    expect(() => a.view(w, 28, 8, 'bad')).toThrow(/does not fit/);
    const v = a.view(w, 0, 8, 'b');
    expect(() => a.view(v, 0, 8, 'nested')).toThrow(/full word/);
    expect(a.array('n', 3, 7).map((c) => `${c.name}@${c.addr}`)).toEqual(['n[0]@1', 'n[1]@2', 'n[2]@3']);
  });

  it('sc memory writes views in place', () => {
    const a = new WordCellAllocator();
    const w = a.cell('w');
    const hi = a.view(w, 24, 8, 'hi');
    const mem = createMemoryModel('sc', a.initialWords(), 1);
    mem.store(0, hi, 0x1ff);
    expect(mem.peek(w)).toBe(0xff000000);
    expect(mem.rmw(0, hi, (v) => v + 1, true)).toBe(0xff);
    expect(mem.peek(w)).toBe(0);
    expect(mem.cpusWithPendingStores()).toEqual([]);
  });
});
