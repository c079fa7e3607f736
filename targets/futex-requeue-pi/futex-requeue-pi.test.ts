import { explore } from '../../harness/explore/explore';
import { runExecution } from '../../harness/runtime/execute';
import type { Workload } from '../../harness/target/target';
import { runScripted, type ScriptSegment } from '../smp-rendezvous/scripted-schedule';
import { exploreSeed, isHang, matchesExpectation, replaysExactly } from '../smp-rendezvous/seed-test-support';
import { futexRequeuePiTarget } from './futex-requeue-pi-target';

/*
 * futex-requeue-pi: the WARN (fix-up of a stolen lock under the wrong hash-bucket lock) and the
 * wait_lock hang are found by the default strategy with fixed seeds and replay from their
 * tokens; the landed code survives exhaustive search at K=2 and random / PCT runs, which also
 * pass through the legitimate requeue-to-fix-up window of notes 2.8 without a report.
 */
const target = futexRequeuePiTarget();
const expectOf = (variant: string) => target.variants.find((v) => v.name === variant)!.expect.sc;

describe('futex-requeue-pi buggy variants (default strategy)', () => {
  it('no-lockptr-fix: lookup_pi_state sees the futex word and pi_state->owner disagree (WARN)', async () => {
    const r = await exploreSeed(target, { variant: 'no-lockptr-fix', memory: 'sc', strategy: 'default', seed: 1, runs: 10000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(matchesExpectation(expectOf('no-lockptr-fix'), f.outcome.finding!)).toBe(true);
    expect(f.outcome.finding!.message).toMatch(/^WARN: lookup_pi_state: pid != pi_state->owner->pid/);
    expect(await replaysExactly(target, f)).toBe(true);
  });

  it('no-waitlock-fix: the requeuer returns holding pi_mutex.wait_lock and everyone spins on it', async () => {
    const r = await exploreSeed(target, { variant: 'no-waitlock-fix', memory: 'sc', strategy: 'default', seed: 1, runs: 10000 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0].outcome.finding!;
    expect(matchesExpectation(expectOf('no-waitlock-fix'), f)).toBe(true);
    expect(f.stuck!.some((s) => /wait_lock/.test(s.location) && /held by O/.test(s.waitingFor))).toBe(true);
    expect(f.details!.join('\n')).toMatch(/pi_mutex\.wait_lock held by O/);
    expect(f.details!.join('\n')).toMatch(/C5: O returned to user space from FUTEX_CMP_REQUEUE_PI still holding pi_mutex\.wait_lock/);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });

  it('original: the default strategy finds the wait_lock hang first', async () => {
    const r = await exploreSeed(target, { variant: 'original', memory: 'sc', strategy: 'default', seed: 1, runs: 10000 });
    expect(r.findings).toHaveLength(1);
    expect(matchesExpectation(expectOf('original'), r.findings[0].outcome.finding!)).toBe(true);
    expect(await replaysExactly(target, r.findings[0])).toBe(true);
  });
});

describe('futex-requeue-pi landed', () => {
  it('tso: dfs K=1 is exhausted without a finding (4440 schedules; K=2 = 317083, run manually)', async () => {
    const r = await exploreSeed(target, { variant: 'landed', memory: 'tso', strategy: 'dfs', seed: 1, preemptions: 1 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBe(4440);
  });

  it('dfs K=2 is exhausted without a finding (11648 schedules)', async () => {
    const r = await exploreSeed(target, { variant: 'landed', memory: 'sc', strategy: 'dfs', seed: 1, preemptions: 2 });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.inconclusive).toBe(0);
    expect(r.executions).toBe(11648);
  });

  it.each([
    ['default', 'sc', 2000],
    ['random', 'sc', 1000],
    ['pct', 'sc', 1000],
    ['random', 'tso', 500],
  ] as const)('%s under %s, %i runs: nothing found, every history linearizable', async (strategy, memory, runs) => {
    const r = await exploreSeed(target, { variant: 'landed', memory, strategy, seed: 5, runs });
    expect(r.findings).toHaveLength(0);
    expect(r.executions).toBe(runs);
    expect(r.inconclusive).toBe(0);
    expect(r.checkUnknown).toBe(0);
  });

  it('passes through the notes 2.8 window (a contender between the requeue and the fix-up) without a report', async () => {
    let windows = 0;
    const r = await explore(
      { target, variant: 'landed', memory: 'sc', strategy: 'default', seed: 11, runs: 3000 },
      {
        execute: (o) => {
          const out = runExecution({ ...o, recordCoverage: true });
          if ((out.coverage ?? []).some((c) => c.includes('notes 2.8 window'))) windows++;
          return out;
        },
      },
    );
    expect(r.findings).toHaveLength(0);
    expect(windows).toBeGreaterThan(0);
  });
});

describe('futex-requeue-pi: the interleavings of the notes, scripted (independent of any search strategy)', () => {
  const W: Workload = { ops: [['scenario'], ['scenario'], ['scenario']] };
  const [O, P, H] = [0, 1, 2];
  /** Notes 2.6 up to the steal: H waits on CV, O holds M, P blocks on it, O unlocks (P pending) and signals. */
  const toSteal: ScriptSegment[] = [
    { thread: H, until: /^futex_wait_requeue_pi: schedule/ },
    { thread: O, until: /^pthread_mutex_unlock/ },
    { thread: P, until: /^rt_mutex_slowlock: schedule/ },
    { thread: O, until: /^pthread_mutex_lock/ },
  ];
  /** FX-A: H does fix-up step A, then O locks M. */
  const fxA: ScriptSegment[] = [...toSteal, { thread: H, until: /pi_state->owner = H/ }, { thread: O }];
  /** Notes 2.8: O locks M between the requeue and H's fix-up. */
  const window: ScriptSegment[] = [...toSteal, { thread: O }];

  it.each([
    ['original', 'WARN'],
    ['no-lockptr-fix', 'WARN'],
    ['no-waitlock-fix', 'hang'],
    ['landed', 'ok'],
  ] as const)('FX-A (notes 2.6) on %s: %s', (variant, want) => {
    const out = runScripted(target, variant, 'sc', W, fxA);
    if (want === 'WARN') {
      expect(out.finding!.message).toMatch(/^WARN: lookup_pi_state: pid != pi_state->owner->pid: the futex word names H but pi_state->owner is P, read under hb2\.lock while H is between the two halves of fixup_pi_state_owner/);
    } else if (want === 'hang') {
      expect(isHang(out.finding!)).toBe(true);
      expect(out.finding!.details!.join('\n')).toMatch(/pi_mutex\.wait_lock held by O/);
    } else {
      expect(out.verdict).toBe('ok');
    }
  });

  it.each([
    ['landed', 'ok'],
    ['no-lockptr-fix', 'ok'],
    ['original', 'hang'],
  ] as const)('notes 2.8 window on %s: the contender sees the old owner in both places, no WARN (%s)', (variant, want) => {
    const out = runScripted(target, variant, 'sc', W, window);
    expect(out.finding?.message ?? '').not.toMatch(/WARN/);
    expect((out.trace ?? []).some((e) => /notes 2\.8 window/.test(e.location ?? ''))).toBe(true);
    if (want === 'ok') expect(out.verdict).toBe('ok');
    else expect(isHang(out.finding!)).toBe(true);
  });
});
