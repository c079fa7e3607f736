import type { Workload } from '../../harness/target/target';
import { runScripted, type ScriptSegment } from '../smp-rendezvous/scripted-schedule';
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
  it('v4.9: the installer retries -ENXIO forever holding get_online_cpus(); cpu_up(1) waits forever', async () => {
    const r = await exploreSeed(target, { variant: 'v4.9', memory: 'sc', strategy: 'default', seed: 1, runs: 1000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('v4.9', 'sc'), f)).toBe(true);
    expect(f.kind).toBe('hang');
    expect(f.stuck!.find((s) => s.name === 'cpu1')!.location).toMatch(/cpu_up\(1\): cpus_write_lock/);
    expect(f.details!.join('\n')).toMatch(/cpu_hotplug_lock: 1 reader/);
    expect(f.details!.join('\n')).toMatch(/T: state SLEEPING, task_cpu 1/);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });

  it('dec7-hack: T is INTERRUPTIBLE but still current, the sleep is cancelled: event never programmed', async () => {
    const r = await exploreSeed(target, { variant: 'dec7-hack', memory: 'sc', strategy: 'default', seed: 1, runs: 10000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('dec7-hack', 'sc'), f)).toBe(true);
    expect(f.message).toMatch(/^P-PROG: perf_install_in_context returned and T runs on cpu2, but the event is not programmed on PMU\[2\]/);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });

  it('landed-no-mb: under tso with acquire-only locks the ctxp store is missed by both sides', async () => {
    const r = await exploreSeed(target, { variant: 'landed-no-mb', memory: 'tso', strategy: 'default', seed: 1, runs: 10000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('landed-no-mb', 'tso'), f)).toBe(true);
    expect(f.message).toMatch(/^P-PROG/);
    expect(r.knobs?.lockAcquireIsFence).toBe(false);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });
});

describe('perf-install clean configurations', () => {
  it.each(['landed', 'landed-no-mb'])('%s: dfs K=2 under sc is exhausted without a finding (16983 / 16521 schedules)', async (variant) => {
    const r = await exploreSeed(target, { variant, memory: 'sc', strategy: 'dfs', seed: 1, preemptions: 2 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.inconclusive).toBe(0);
    expect(r.executions).toBe(variant === 'landed' ? 16983 : 16521);
  });

  it('landed: dfs K=1 under tso, first 4000 schedules (of 51891), nothing found', async () => {
    const r = await exploreSeed(target, { variant: 'landed', memory: 'tso', strategy: 'dfs', seed: 1, preemptions: 1, runs: 4000 });
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
  ] as const)('%s under %s with knobs %j: default strategy 1500 runs and PCT 500 runs find nothing', async (variant, memory, knobs) => {
    for (const [strategy, runs] of [['default', 1500], ['pct', 500]] as const) {
      const r = await exploreSeed(target, { variant, memory, knobs, strategy, seed: 9, runs });
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
  ] as const)('%s: dfs K=2 exhausted clean under sc (%i schedules), default 1000 runs clean under tso', async (variant, schedules) => {
    const dfs = await exploreSeed(migration, { variant, memory: 'sc', strategy: 'dfs', seed: 1, preemptions: 2 });
    expect(dfs.findings).toHaveLength(0);
    expect(dfs.exhausted).toBe(true);
    expect(dfs.executions).toBe(schedules);
    const tso = await exploreSeed(migration, { variant, memory: 'tso', strategy: 'default', seed: 2, runs: 1000 });
    expect(tso.findings).toHaveLength(0);
    expect(tso.inconclusive).toBe(0);
  });
});

describe('perf-install: the interleavings of notes 3.5, scripted (independent of any search strategy)', () => {
  const W: Workload = { ops: [['install'], ['install'], ['install']] };
  const PROG = /^P-PROG: perf_install_in_context returned and T runs on cpu2, but the event is not programmed on PMU\[2\]/;

  it.each([
    ['v4.9', 'hang'],
    ['dec7-hack', 'ok'],
    ['landed', 'ok'],
    ['landed-no-mb', 'ok'],
  ] as const)('PF-A (no wake-up, cpu1 stays offline) on %s: %s', (variant, want) => {
    const out = runScripted(target, variant, 'sc', W, [{ thread: 0 }], [0]);
    if (want === 'hang') {
      expect(out.finding!.kind).toBe('hang');
      expect(out.finding!.stuck!.find((st) => st.name === 'cpu1')!.location).toMatch(/cpu_up\(1\)/);
    } else {
      expect(out.verdict).toBe('ok');
    }
  });

  /** PF-C: the IPI to offline cpu1 fails; a signal wakes T on cpu2, T prepares to sleep; the installer decides. */
  const pfC: ScriptSegment[] = [
    { thread: 0, until: /TOMBSTONE check\): raw_spin_lock_irq/ },
    { thread: 2, until: /^T: sleep cancelled, __set_current_state/ },
    { thread: 0 },
  ];
  it.each([
    ['dec7-hack', true],
    ['v4.9', false],
    ['landed', false],
  ] as const)('PF-C (T INTERRUPTIBLE but current) on %s: event lost = %s', (variant, lost) => {
    const out = runScripted(target, variant, 'sc', W, pfC, [1, 1]);
    if (lost) expect(out.finding!.message).toMatch(PROG);
    else expect(out.verdict).toBe('ok');
  });

  /** PF-D: the installer reads task_cpu(T) = 1 with its ctxp store still buffered; cpu2 wakes T and switches it in. */
  const pfD: ScriptSegment[] = [
    { thread: 0, until: /smp_call_function_single\(cpu1\): READ\(cpu_online/ },
    { thread: 2, until: /^T: set_current_state/ },
    { thread: 0 },
  ];
  it.each([
    ['landed-no-mb', 'tso', true],
    ['landed-no-mb', 'sc', false],
    ['landed', 'tso', false],
  ] as const)('PF-D (store buffering) on %s under %s: event lost = %s', (variant, memory, lost) => {
    const out = runScripted(target, variant, memory, W, pfD, [1, 1]);
    if (lost) expect(out.finding!.message).toMatch(PROG);
    else expect(out.verdict).toBe('ok');
  });
});
