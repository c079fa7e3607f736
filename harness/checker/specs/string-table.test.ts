import { polyHash, StringTable } from './string-table';

describe('StringTable (value numbering for kv)', () => {
  it('gives equal strings one id however they were built', () => {
    const t = new StringTable();
    const a = t.append(0, t.appendText('ab'));
    const abc1 = t.append(a, t.appendText('c'));
    const abc2 = t.append(t.append(t.append(0, t.appendText('a')), t.appendText('b')), t.appendText('c'));
    expect(abc1).toBe(abc2);
    expect(t.intern('abc')).toBe(abc1);
    expect(t.text(abc1)).toBe('abc');
    expect(t.intern('')).toBe(0);
    expect(t.append(abc1, t.appendText(''))).toBe(abc1);
    expect(t.intern('abd')).not.toBe(abc1);
  });
  it('hashes compositionally', () => {
    const ab = polyHash('hello world'), a = polyHash('hello '), b = polyHash('world');
    expect((Math.imul(a.hash, b.pow) + b.hash) | 0).toBe(ab.hash);
  });
  it('keeps distinct strings apart even when many share a hash bucket', () => {
    const t = new StringTable();
    const ids = new Map<string, number>();
    // many strings of equal length: exercises chains of equal hashes if any collide
    for (let i = 0; i < 1000; i++) {
      const s = i.toString(36).padStart(4, '0');
      const id = t.append(t.append(0, t.appendText(s.slice(0, 2))), t.appendText(s.slice(2)));
      expect(ids.has(s) ? ids.get(s) : id).toBe(id);
      ids.set(s, id);
      expect(t.text(id)).toBe(s);
    }
    expect(new Set(ids.values()).size).toBe(1000);
  });
});
