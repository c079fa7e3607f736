import { IntPairMap } from './int-pair-map';

describe('IntPairMap', () => {
  it('stores and finds pairs across growth, like a Map', () => {
    const m = new IntPairMap(4);
    const ref = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const a = (i * 7919) % 1013, b = (i * 104729) % 977;
      m.set(a, b, i);
      ref.set(`${a},${b}`, i);
    }
    for (let a = 0; a < 1013; a += 3) {
      for (let b = 0; b < 977; b += 5) expect(m.get(a, b)).toBe(ref.get(`${a},${b}`) ?? -1);
    }
  });
});
