import type { Workload } from '../../harness/target/target';
import { smpRendezvousTarget } from './smp-rendezvous-target';
import { runScripted, type ScriptSegment } from './scripted-schedule';
import { exploreSeed, isHang, matchesExpectation, replaysExactly } from './seed-test-support';

/*
 * smp-rendezvous: every buggy variant is found by the default strategy with a fixed seed and
 * replays from its token; the clean ones survive bounded exhaustive search and random / PCT
 * runs. Schedule counts of the exhaustive runs are asserted, so the doc comment of
 * smp-rendezvous-target.ts stays true.
 */
const target = smpRendezvousTarget();
/** The minimal configuration of notes 1.5: cpu0 issues two back-to-back rendezvous, cpu1 only takes the IPIs. */
const TWO_CALLS: Workload = { ops: [['rendezvous', 'rendezvous'], []] };
/** Same with an exit barrier but no teardown function: no argument to misuse, only the hang remains. */
const TWO_CALLS_NULL_TEARDOWN: Workload = { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] };

const expectOf = (variant: string, memory: 'sc' | 'tso') => target.variants.find((v) => v.name === variant)!.expect[memory];

describe('smp-rendezvous buggy variants (default strategy, seed 1)', () => {
  it.each(['original', 'gapon-a'])('%s: hang on the exit counter with irqs off, and the argument use-after-free', async (variant) => {
    const r = await exploreSeed(target, { variant, memory: 'sc', strategy: 'default', seed: 1, workload: TWO_CALLS, runs: 1000, stopAtFirst: false });
    const hang = r.findings.find((f) => isHang(f.outcome.finding!));
    const uaf = r.findings.find((f) => /use-after-free \(I3\)/.test(f.outcome.finding!.message));
    expect(hang).toBeDefined();
    expect(uaf).toBeDefined();
    expect(matchesExpectation(expectOf(variant, 'sc'), hang!.outcome.finding!)).toBe(true);
    // where each cpu spins: cpu1 still in the exit barrier of the first call, the initiator in the entry barrier of the next
    const stuck = hang!.outcome.finding!.stuck!;
    expect(stuck.map((s) => s.location).join('\n')).toMatch(/exit barrier: spin while smp_rv_waiters\[2\] < 2/);
    expect(stuck.map((s) => s.location).join('\n')).toMatch(/entry barrier: spin while smp_rv_waiters\[0\] < 2/);
    expect(hang!.outcome.finding!.details!.join('\n')).toMatch(/I2-strict/);
    expect(await replaysExactly(target, hang!)).toBe(true);
    expect(await replaysExactly(target, uaf!)).toBe(true);
  });

  it.each(['original', 'gapon-a', 'generation-late-snapshot', 'landed-no-final-wait'])('%s: the hang alone when the teardown has no argument', async (variant) => {
    const r = await exploreSeed(target, { variant, memory: 'sc', strategy: 'default', seed: 1, workload: TWO_CALLS_NULL_TEARDOWN, runs: 3000 });
    expect(r.findings).toHaveLength(1);
    expect(isHang(r.findings[0].outcome.finding!)).toBe(true);
    expect(matchesExpectation(expectOf(variant, 'sc'), r.findings[0].outcome.finding!)).toBe(true);
    expect(r.findings[0].outcome.finding!.stuck!.some((st) => /exit barrier/.test(st.location) && /irqs off/.test(st.state))).toBe(true);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });

  it.each(['gapon-b', 'generation'])('%s: no hang, but a teardown uses the argument of a call that returned', async (variant) => {
    const r = await exploreSeed(target, { variant, memory: 'sc', strategy: 'default', seed: 1, workload: TWO_CALLS, runs: 3000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(matchesExpectation(expectOf(variant, 'sc'), f.outcome.finding!)).toBe(true);
    expect(f.outcome.finding!.message).toMatch(/use-after-free \(I3\): cpu\d runs T_\d\(arg_\d\) after smp_rendezvous #\d returned/);
    expect(await replaysExactly(target, f)).toBe(true);
    const noArg = await exploreSeed(target, { variant, memory: 'sc', strategy: 'default', seed: 1, workload: TWO_CALLS_NULL_TEARDOWN, runs: 300 });
    expect(noArg.findings).toHaveLength(0);
  });

  it('gapon-b with an unfenced IPI under tso: stale parameters (I2) and a history the rendezvous spec rejects', async () => {
    const r = await exploreSeed(target, {
      variant: 'gapon-b', memory: 'tso', knobs: { ipiSendIsFence: false }, strategy: 'default', seed: 1,
      workload: TWO_CALLS_NULL_TEARDOWN, runs: 400, stopAtFirst: false,
    });
    const messages = r.findings.map((f) => f.outcome.finding!.message);
    expect(messages.some((m) => /^isolation \(I2\): cpu1, executing rendezvous #2, calls A_1\(arg_1\): it read stale smp_rv_\*/.test(m))).toBe(true);
    expect(messages.some((m) => /rendezvous 1 returned before cpus \[1\] ran the action/.test(m))).toBe(true);
  });

  it('landed-unfenced-ipi: under tso the initiator\'s W[0] reset lands after a target\'s increment: hang', async () => {
    const r = await exploreSeed(target, { variant: 'landed-unfenced-ipi', memory: 'tso', strategy: 'default', seed: 1, workload: TWO_CALLS, runs: 1000, stopAtFirst: false });
    const hang = r.findings.find((f) => isHang(f.outcome.finding!));
    expect(hang).toBeDefined();
    expect(matchesExpectation(expectOf('landed-unfenced-ipi', 'tso'), hang!.outcome.finding!)).toBe(true);
    expect(hang!.outcome.finding!.stuck!.some((s) => /entry barrier: spin while smp_rv_waiters\[0\] < 2/.test(s.location))).toBe(true);
    expect(await replaysExactly(target, hang!)).toBe(true);
  });
});

describe('smp-rendezvous under arm64-lite: the barrier of the last increment (FreeBSD head: atomic_add_rel_int)', () => {
  it('landed-results-relaxed-done: an action\'s result store passes the barrier-free smp_rv_waiters[3] increment, the caller reads it stale (I5); dfs K=1 finds it', async () => {
    const r = await exploreSeed(target, { variant: 'landed-results-relaxed-done', memory: 'arm64-lite', strategy: 'dfs', seed: 1, workload: TWO_CALLS_NULL_TEARDOWN, preemptions: 1 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f.outcome.verdict).toBe('violation');
    expect(f.outcome.finding!.message).toMatch(/^result visibility \(I5\): smp_rendezvous #1 saw every cpu done \(smp_rv_waiters\[3\] == 2\), but cpu1's result in arg_1 reads 0/);
    expect(await replaysExactly(target, f)).toBe(true);
  });

  it.each(['sc', 'tso'] as const)('landed-results-relaxed-done is clean under %s (dfs K=2): x86\'s LOCK add, and tso commits stores in order', async (memory) => {
    const r = await exploreSeed(target, { variant: 'landed-results-relaxed-done', memory, strategy: 'dfs', seed: 1, workload: TWO_CALLS_NULL_TEARDOWN, preemptions: 2 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
  });

  it('landed-results (the release increment) is clean under arm64-lite: dfs K=1 exhausted (1350 executions)', async () => {
    const r = await exploreSeed(target, { variant: 'landed-results', memory: 'arm64-lite', strategy: 'dfs', seed: 1, workload: TWO_CALLS_NULL_TEARDOWN, preemptions: 1 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBe(1350);
  });
});

describe('smp-rendezvous clean variants', () => {
  it('landed: dfs K=2 is exhausted without a finding under sc (930 schedules) and tso (1976)', async () => {
    const sc = await exploreSeed(target, { variant: 'landed', memory: 'sc', strategy: 'dfs', seed: 1, workload: TWO_CALLS, preemptions: 2 });
    expect(sc.findings).toHaveLength(0);
    expect(sc.exhausted).toBe(true);
    expect(sc.inconclusive).toBe(0);
    expect(sc.executions).toBe(930);
    const tso = await exploreSeed(target, { variant: 'landed', memory: 'tso', strategy: 'dfs', seed: 1, workload: TWO_CALLS, preemptions: 2 });
    expect(tso.findings).toHaveLength(0);
    expect(tso.exhausted).toBe(true);
    expect(tso.executions).toBe(1976);
  });

  it('landed-unfenced-ipi is clean under sc (dfs K=2)', async () => {
    const r = await exploreSeed(target, { variant: 'landed-unfenced-ipi', memory: 'sc', strategy: 'dfs', seed: 1, workload: TWO_CALLS, preemptions: 2 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
  });

  it.each([
    ['random', 'sc'],
    ['pct', 'sc'],
    ['random', 'tso'],
    ['pct', 'tso'],
  ] as const)('landed: %s under %s, 300 runs of the default workload (two initiators), nothing found', async (strategy, memory) => {
    const r = await exploreSeed(target, { variant: 'landed', memory, strategy, seed: 3, runs: 300 });
    expect(r.workload.ops.filter((ops) => ops.length > 0)).toHaveLength(2);
    expect(r.findings).toHaveLength(0);
    expect(r.executions).toBe(300);
    expect(r.inconclusive).toBe(0);
    expect(r.checkUnknown).toBe(0);
  });

  it('landed: dfs K=3 is exhausted without a finding under sc (14252 schedules)', async () => {
    const r = await exploreSeed(target, { variant: 'landed', memory: 'sc', strategy: 'dfs', seed: 1, workload: TWO_CALLS, preemptions: 3 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBe(14252);
  });
});

describe('smp-rendezvous: the interleaving of notes 1.4.1, scripted (independent of any search strategy)', () => {
  /**
   * cpu0 starts R1 and waits in the entry barrier; cpu1 takes the IPI and both pass the setup
   * barrier; cpu1 increments the exit counter and is "preempted" at its exit spin (W[2] = 1);
   * cpu0 finishes R1, returns, and starts R2, resetting the counters under cpu1.
   */
  const table: ScriptSegment[] = [
    { thread: 0, until: /entry barrier: spin/ },
    { thread: 1, deliverIpi: true },
    { thread: 1, until: /setup barrier: spin/ },
    { thread: 0, until: /setup barrier: spin/ },
    { thread: 1, until: /exit barrier: spin/ },
    { thread: 0 },
  ];
  it.each([
    ['original', 'hang', 'hang'],
    ['gapon-a', 'hang', 'hang'],
    ['generation', 'ok', 'use-after-free'],
    ['gapon-b', 'ok', 'use-after-free'],
    ['landed', 'ok', 'ok'],
  ] as const)('%s: without a teardown function %s; with T_k(arg_k) %s', (variant, nullTeardown, withTeardown) => {
    const judge = (w: Workload, want: string): void => {
      const out = runScripted(target, variant, 'sc', w, table);
      if (want === 'hang') {
        expect(isHang(out.finding!)).toBe(true);
        expect(out.finding!.stuck!.find((st) => st.name === 'cpu1')!.waitingFor).toMatch(/smp_rv_waiters\[2\].*value 0/);
      } else if (want === 'use-after-free') {
        expect(out.finding!.message).toMatch(/^use-after-free \(I3\): cpu1 runs T_1\(arg_1\) after smp_rendezvous #1 returned on cpu0/);
      } else {
        expect(out.verdict).toBe('ok');
      }
    };
    judge(TWO_CALLS_NULL_TEARDOWN, nullTeardown);
    judge(TWO_CALLS, withTeardown);
  });
});
