import { Prng } from './prng';
import { StoreLifetimes } from './store-lifetimes';
import type { ChoiceOption } from './strategy';

const opts = (cpus: number[]): ChoiceOption[] => [{ kind: 'thread', target: 0, slot: 0 }, ...cpus.map((c) => ({ kind: 'flush' as const, target: c, slot: 0 }))];

/** Points a store waits at the head of the buffer before it is flushed. */
function lifetimes(seed: number, stores: number): number[] {
  const l = new StoreLifetimes(new Prng(seed));
  l.reset();
  const out: number[] = [];
  let waited = 0;
  while (out.length < stores) {
    const i = l.pick(opts([1]));
    waited++;
    if (i >= 0) {
      expect(i).toBe(1);
      out.push(waited);
      waited = 0;
    }
  }
  return out;
}

describe('StoreLifetimes', () => {
  it('mixes prompt and lingering stores, deterministically per seed', () => {
    const a = lifetimes(1, 200);
    expect(lifetimes(1, 200)).toEqual(a);
    expect(a.filter((w) => w <= 3).length).toBeGreaterThan(40);
    expect(a.filter((w) => w >= 50).length).toBeGreaterThan(20);
  });

  it('picks nothing when no flush is offered and handles several cpus', () => {
    const l = new StoreLifetimes(new Prng(2));
    expect(l.pick(opts([]))).toBe(-1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const k = l.pick(opts([0, 2]));
      if (k >= 0) seen.add(k);
    }
    expect(seen).toEqual(new Set([1, 2]));
  });
});
