import { exploreSeed, matchesExpectation, replaysExactly } from '../smp-rendezvous/seed-test-support';
import { perfInstallMigrationTarget } from './perf-install-migration-target';
import { perfInstallTarget } from './perf-install-target';

/*
 * perf-install: the v4.9 livelock, the Dec-7 hack's unprogrammed event and the missing
 * smp_mb() under tso are found by the default strategy with a fixed seed and replay; the
 * landed code survives dfs (K=2 under sc, K=1 capped under tso) and random / PCT runs.
 */
const target = perfInstallTarget();
const expectOf = (variant: string, memory: 'sc' | 'tso') => target.variants.find((v) => v.name === variant)!.expect[memory];

describe('perf-install buggy variants (default strategy, seed 1)', () => {
  it('v4.9: the installer retries -ENXIO forever holding get_online_cpus(); cpu_up(1) waits forever', () => {
    const r = exploreSeed(target, { variant: 'v4.9', memory: 'sc', strategy: 'default', seed: 1, runs: 200 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('v4.9', 'sc'), f)).toBe(true);
    expect(f.kind).toBe('hang');
    expect(f.stuck!.find((s) => s.name === 'cpu1')!.location).toMatch(/cpu_up\(1\): cpus_write_lock/);
    expect(f.details!.join('\n')).toMatch(/cpu_hotplug_lock: 1 reader/);
    expect(f.details!.join('\n')).toMatch(/T: state SLEEPING, task_cpu 1/);
    expect(replaysExactly(target, r.findings[0])).toBe(true);
  });

  it('dec7-hack: T is INTERRUPTIBLE but still current, the sleep is cancelled: event never programmed', () => {
    const r = exploreSeed(target, { variant: 'dec7-hack', memory: 'sc', strategy: 'default', seed: 1, runs: 3000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('dec7-hack', 'sc'), f)).toBe(true);
    expect(f.message).toMatch(/^P-PROG: perf_install_in_context returned and T runs on cpu2, but the event is not programmed on PMU\[2\]/);
    expect(replaysExactly(target, r.findings[0])).toBe(true);
  });

  it('landed-no-mb: under tso with acquire-only locks the ctxp store is missed by both sides', () => {
    const r = exploreSeed(target, { variant: 'landed-no-mb', memory: 'tso', strategy: 'default', seed: 1, runs: 3000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('landed-no-mb', 'tso'), f)).toBe(true);
    expect(f.message).toMatch(/^P-PROG/);
    expect(r.knobs?.lockAcquireIsFence).toBe(false);
    expect(replaysExactly(target, r.findings[0])).toBe(true);
  });
});

describe('perf-install clean configurations', () => {
  it.each(['landed', 'landed-no-mb'])('%s: dfs K=2 under sc is exhausted without a finding (16983 / 16521 schedules)', (variant) => {
    const r = exploreSeed(target, { variant, memory: 'sc', strategy: 'dfs', seed: 1, preemptions: 2 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.inconclusive).toBe(0);
    expect(r.executions).toBe(variant === 'landed' ? 16983 : 16521);
  });

  it('landed: dfs K=1 under tso, first 4000 schedules (of 51891), nothing found', () => {
    const r = exploreSeed(target, { variant: 'landed', memory: 'tso', strategy: 'dfs', seed: 1, preemptions: 1, runs: 4000 });
    expect(r.findings).toHaveLength(0);
    expect(r.executions).toBe(4000);
    expect(r.inconclusive).toBe(0);
  });

  it.each([
    ['landed', 'sc', {}],
    ['landed', 'tso', {}],
    ['landed', 'tso', { lockAcquireIsFence: false }],
    ['landed-no-mb', 'sc', {}],
    ['landed-no-mb', 'tso', { lockAcquireIsFence: true }],
  ] as const)('%s under %s with knobs %j: default strategy 1500 runs and PCT 500 runs find nothing', (variant, memory, knobs) => {
    for (const [strategy, runs] of [['default', 1500], ['pct', 500]] as const) {
      const r = exploreSeed(target, { variant, memory, knobs, strategy, seed: 9, runs });
      expect(r.findings).toHaveLength(0);
      expect(r.executions).toBe(runs);
      expect(r.inconclusive).toBe(0);
    }
  });
});

describe('perf-install-migration (PF-B negative test: T migrates while the install IPI runs)', () => {
  const migration = perfInstallMigrationTarget();
  it.each([
    ['v4.9', 1876],
    ['landed', 1914],
  ] as const)('%s: dfs K=2 exhausted clean under sc (%i schedules), default 1000 runs clean under tso', (variant, schedules) => {
    const dfs = exploreSeed(migration, { variant, memory: 'sc', strategy: 'dfs', seed: 1, preemptions: 2 });
    expect(dfs.findings).toHaveLength(0);
    expect(dfs.exhausted).toBe(true);
    expect(dfs.executions).toBe(schedules);
    const tso = exploreSeed(migration, { variant, memory: 'tso', strategy: 'default', seed: 2, runs: 1000 });
    expect(tso.findings).toHaveLength(0);
    expect(tso.inconclusive).toBe(0);
  });
});
