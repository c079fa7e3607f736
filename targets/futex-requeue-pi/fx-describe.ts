import type { Cell } from '../../harness';
import { FUTEX_TID_MASK, TASK_NAMES, TASK_PRIO, taskName, type FxState } from './fx-state';

const fmtLock = (v: number): string => (v === 0 ? 'unlocked' : `held by ${TASK_NAMES[v - 1] ?? v}`);

/** Report lines: futex words, hb locks, pi_state and its rt_mutex, queues, and where each task is. */
export function describeFx(s: FxState, peek: (c: Cell) => number): string[] {
  const uv = peek(s.uvalM);
  const lines = [
    `tasks: ${TASK_NAMES.map((n, i) => `${n} (prio ${TASK_PRIO[i]})`).join(', ')}; M held at user level by ${taskName(s.holder)}`,
    `futex word M = ${taskName(uv & FUTEX_TID_MASK)}${uv & 0x40000000 ? '|WAITERS' : ''}; CV = ${peek(s.uvalCV)}`,
    `hb1.lock ${fmtLock(peek(s.hb1))}; hb2.lock ${fmtLock(peek(s.hb2))}; pi_mutex.wait_lock ${fmtLock(peek(s.waitLock))}`,
    s.pi.exists
      ? `pi_state: owner ${taskName(peek(s.piOwner))}, refcount ${s.pi.refcount}; pi_mutex owner ${taskName(s.rt.owner)}${s.rt.pending ? ' (PENDING)' : ''}, waiters [${s.rt.waiters.map((w) => TASK_NAMES[w]).join(', ')}]`
      : 'pi_state: none',
    `hb1 chain: [${s.chain1.map((q) => `${TASK_NAMES[q.task]}@${q.key}`).join(', ')}]; hb2 chain: [${s.chain2.map((q) => `${TASK_NAMES[q.task]}@${q.key}`).join(', ')}]`,
  ];
  TASK_NAMES.forEach((n, i) => lines.push(`${n}: ${s.where[i]}`));
  lines.push(...s.notes);
  return lines;
}
