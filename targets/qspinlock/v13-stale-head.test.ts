import { explore } from '../../harness/explore/explore';
import { replayExecution } from '../../harness/explore/replay-execution';
import type { ReplayRecord } from '../../harness/explore/replay-token';
import type { TraceEntry } from '../../harness/runtime/outcome';
import { qspinTarget } from './qspin-test-support';

/**
 * v13-2014 under tso, the stale queue-head pointer of seeds-qspinlock.md 6.3 iv: the new owner's
 * `tail.head = next` store in pv_set_head_in_tail is still in its store buffer when it re-reads
 * the tail, so a cpu that enqueues meanwhile copies the previous head (the owner's own node,
 * whose `locked` pv_wait_check cleared) and the unlocker's pv_get_qhead WARNs. The record is
 * the shrunk finding of `lockstep fuzz pvqspinlock:v13-2014 --memory tso --runs 20000` (seed 1).
 * Roles: cpu0 owns L and later re-enqueues (the joiner), cpu2 is the queue head that becomes
 * the owner, cpu3 is the halted successor, cpu1 only makes cpu2 take the slowpath.
 */
const STALE_HEAD: ReplayRecord = {
  target: 'pvqspinlock',
  variant: 'v13-2014',
  memory: 'tso',
  knobs: { ipiSendIsFence: true, lockAcquireIsFence: true, pvCallIsFence: true, unlockIsFence: false },
  workload: { ops: [['L', 'L'], ['L'], ['L'], ['ML']] },
  decisions: [
    1, 1, 0, 1, 0, 0, 2, 0, 2, 2, 2, 0, 0, 0, 1, 0, 0, 2, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  ],
  maxSteps: 600,
};

const last = (tr: readonly TraceEntry[], p: (e: TraceEntry) => boolean): number => {
  for (let i = tr.length - 1; i >= 0; i--) if (p(tr[i])) return i;
  return -1;
};

describe('pvqspinlock:v13-2014 under tso: stale head pointer (6.3 iv)', () => {
  const target = qspinTarget('pvqspinlock');

  it('the shrunk fuzz finding replays to the design\'s own WARN in pv_get_qhead, through the store-buffer window', async () => {
    const { outcome: o, divergence } = await replayExecution(target, STALE_HEAD);
    expect(divergence).toBeUndefined();
    expect(o.finding?.kind).toBe('violation');
    expect(o.finding?.locations).toEqual(['pv_get_qhead']);
    expect(o.finding?.message).toBe('WARN: queue_spin_unlock_slowpath: queue head cpu2/0 of L has locked == 0');
    const tr = o.trace ?? [];
    // setter (cpu2, new owner): W(cpu3.head = cpu3/0) then R(L.val) still sees tail = cpu3/0
    const w = last(tr, (e) => e.thread === 2 && e.op === 'writeOnce' && e.cell === 'cpu3.node[0].head' && e.value === 'cpu3/0');
    expect(w).toBeGreaterThan(0);
    const setterTail = tr.findIndex((e, i) => i > w && e.thread === 2 && e.cell === 'L.val');
    expect(tr[setterTail]?.value).toMatch(/tail=cpu3\/0/);
    // joiner (cpu0): X(L.tail) after the setter's tail read, then R(cpu3.head) = the stale cpu2/0
    const x = tr.findIndex((e, i) => i > setterTail && e.thread === 0 && e.op === 'xchg' && e.cell === 'L.tail');
    expect(x).toBeGreaterThan(setterTail);
    const r = tr.findIndex((e, i) => i > x && e.thread === 0 && e.cell === 'cpu3.node[0].head');
    expect(tr[r]?.value).toBe('cpu2/0');
    // nothing made the setter's store visible in between: it sat in cpu2's store buffer
    expect(tr.slice(w + 1, r).some((e) => e.thread === 2 && e.op === 'flush' && e.cell === 'cpu3.node[0].head')).toBe(false);
  });

  it('under sc the same 4-acquisition pattern on 3 cpus is clean (dfs K=2, exhausted)', async () => {
    const r = await explore({ target, variant: 'v13-2014', memory: 'sc', strategy: 'dfs', preemptions: 2, seed: 1, workload: { ops: [['L', 'L'], ['L'], ['L']] }, stopAtFirst: false });
    expect(r.exhausted).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.executions).toBeGreaterThan(1000);
  });
});
