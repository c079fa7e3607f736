import { ARM_PRIORS, ArmSelector } from './arm-selector';
import { ARM_NAMES, type ArmName } from './fuzz-types';

/** Arms drawn for `n` evenly spaced picks after the warm-up, with no runs recorded. */
function shares(selector: ArmSelector, n: number): Map<ArmName, number> {
  const counts = new Map<ArmName, number>();
  for (let i = 0; i < n; i++) {
    const a = selector.next((i + 0.5) / n)!;
    counts.set(a.arm, (counts.get(a.arm) ?? 0) + 1);
  }
  return counts;
}

describe('ArmSelector', () => {
  it('starts with a round-robin warm-up over every arm', () => {
    const s = new ArmSelector();
    const warm = ARM_NAMES.map(() => s.next(0.999)!.arm);
    expect(warm).toEqual([...ARM_NAMES]);
  });
  it('splits runs in proportion to the priors while no arm has a coverage record', () => {
    const s = new ArmSelector();
    for (let i = 0; i < 2 * ARM_NAMES.length; i++) s.next(0);
    const n = 10_000;
    const counts = shares(s, n);
    const total = ARM_NAMES.reduce((sum, a) => sum + ARM_PRIORS[a], 0);
    for (const a of ARM_NAMES) expect(Math.abs((counts.get(a) ?? 0) / n - ARM_PRIORS[a] / total)).toBeLessThan(0.002);
    // partial-order sampling leads (the deep pvqspinlock bugs), PCT d=1 trails
    expect(counts.get('pos')).toBeGreaterThan(counts.get('random')!);
    expect(counts.get('pct1')).toBeLessThan(counts.get('pct2')!);
  });
  it('moves runs toward an arm that keeps finding new coverage', () => {
    const a = new ArmSelector(['pct2', 'pct3']);
    const [pct2, pct3] = a.stats;
    for (let i = 0; i < 50; i++) { a.record(pct2, 10, false, false); a.record(pct3, 10, true, false); }
    for (let i = 0; i < 4; i++) a.next(0);
    const counts = shares(a, 1000);
    expect(counts.get('pct3')).toBeGreaterThan(5 * (counts.get('pct2') ?? 0));
    expect(counts.get('pct2')).toBeGreaterThan(0); // the floor keeps it alive
  });
  it('never picks an exhausted arm, and reports when all are', () => {
    const s = new ArmSelector(['dfs', 'random']);
    s.stats[0].exhausted = true;
    for (let i = 0; i < 50; i++) expect(s.next(i / 50)?.arm).toBe('random');
    s.stats[1].exhausted = true;
    expect(s.next(0.5)).toBeUndefined();
  });
});
