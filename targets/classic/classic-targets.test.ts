/**
 * The classic lock zoo as a catalogue: names, expectations and workload shapes are
 * consistent, every family has a correct and a buggy variant, and setup rejects workloads
 * the lock cannot run with a message that names the problem.
 */
import { DEFAULT_MEMORY_KNOBS } from '../../harness/memory/memory-model';
import { WordCellAllocator } from '../../harness/memory/cell-allocator';
import { defaultWorkload } from '../../harness/explore/default-workload';
import type { SetupEnv, Workload } from '../../harness/target/target';
import { classicTarget } from './classic-test-support';
import { classicTargets } from './index';

function env(): SetupEnv {
  return { mem: new WordCellAllocator(), memory: 'sc', knobs: DEFAULT_MEMORY_KNOBS, onIpi: () => undefined };
}

const FAMILIES = ['tas', 'ttas', 'ticket', 'mcs', 'clh', 'peterson', 'dekker', 'bakery', 'seqlock', 'rwlock', 'futex-mutex'];

describe('classic targets catalogue', () => {
  const targets = classicTargets();

  it('lists every family of the lock zoo once, in a stable order', () => {
    expect(targets.map((t) => t.name)).toEqual(FAMILIES);
  });

  it.each(FAMILIES)('%s: a correct variant first, at least one buggy one, unique names', (name) => {
    const t = classicTarget(name);
    const names = t.variants.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    const cleanEverywhere = t.variants.filter((v) => v.expect.sc === 'clean' && v.expect.tso === 'clean');
    expect(cleanEverywhere.length).toBeGreaterThanOrEqual(1);
    // the first variant is the one `lockstep run <name>` users read first: correct under sc
    expect(t.variants[0].expect.sc).toBe('clean');
    expect(t.variants.some((v) => v.expect.sc !== 'clean' || v.expect.tso !== 'clean')).toBe(true);
    for (const v of t.variants) expect(v.summary.length).toBeGreaterThan(10);
  });

  it.each(FAMILIES)('%s: the default workload and its extremes set up with one thread spec per workload row', (name) => {
    const t = classicTarget(name);
    const s = t.workload;
    expect(s.threads.min).toBeGreaterThanOrEqual(2);
    expect(s.threads.min).toBeLessThanOrEqual(s.threads.default);
    expect(s.threads.default).toBeLessThanOrEqual(s.threads.max);
    for (const threads of [s.threads.min, s.threads.default, s.threads.max]) {
      const w = defaultWorkload(t, threads, s.opsPerThread.max);
      for (const v of t.variants) {
        const inst = t.setup(env(), v.name, w);
        expect(inst.threads.length).toBe(threads);
      }
    }
  });

  it('setup rejects an unknown operation kind, naming it and the valid ones', () => {
    const bad: Workload = { ops: [['lock'], ['unlock-twice']] };
    expect(() => classicTarget('tas').setup(env(), 'xchg', bad)).toThrow(/tas: thread 1 has unknown operation 'unlock-twice' \(expected one of: lock, trylock\)/);
    expect(() => classicTarget('clh').setup(env(), 'correct', { ops: [['lock'], ['trylock']] })).toThrow(/expected one of: lock\)/);
    expect(() => classicTarget('seqlock').setup(env(), 'correct', { ops: [['read'], ['lock']] })).toThrow(/mixed, read, write/);
  });

  it('setup rejects an unknown variant, listing the valid ones', () => {
    expect(() => classicTarget('mcs').setup(env(), 'fast', { ops: [['lock'], ['lock']] })).toThrow(/mcs: unknown variant 'fast' \(expected one of: correct, no-wait-for-successor\)/);
  });

  it('two-thread algorithms reject other thread counts', () => {
    const three: Workload = { ops: [['lock'], ['lock'], ['lock']] };
    expect(() => classicTarget('peterson').setup(env(), 'plain', three)).toThrow(/peterson: 3 threads given, this lock supports exactly 2/);
    expect(() => classicTarget('dekker').setup(env(), 'fenced', three)).toThrow(/exactly 2/);
  });
});
