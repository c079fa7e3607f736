import type { Operation } from './operation';

/**
 * Write operations as native JSON lines (the format `lockstep check` reads): an invoke at
 * `call` and, when the op returned, an ok at `ret`; an unknown outcome gets an `info` event
 * before the process's next invoke or at the end. Events are in time order (info, ok, then
 * invoke on ties, so a process's next op may start when its last one returns) with
 * explicit times, so `parseNativeHistory` gives the same intervals back.
 */
export function formatNativeHistory(ops: readonly Operation[]): string {
  type Ev = { t: number; kind: 0 | 1 | 2; op: Operation };
  const evs: Ev[] = [];
  let end = 0;
  for (const op of ops) {
    evs.push({ t: op.call, kind: 0, op });
    if (op.ret !== undefined) evs.push({ t: op.ret, kind: 1, op });
    end = Math.max(end, op.ret ?? op.call, op.call);
  }
  // an unknown outcome is closed by `info` just before the process's next invoke (Jepsen
  // processes do one op at a time), else at the end; `info` carries no time bound
  for (const op of ops) {
    if (op.ret !== undefined) continue;
    let t = end;
    for (const o of ops) if (o.process === op.process && o.call > op.call && o.call < t) t = o.call;
    evs.push({ t, kind: 2, op });
  }
  // rank on ties: info, ok, invoke, then the ok of an instantaneous op (after its own invoke)
  const rank = (e: Ev): number => (e.kind === 2 ? 0 : e.kind === 0 ? 2 : e.op.call === e.op.ret ? 3 : 1);
  evs.sort((a, b) => a.t - b.t || rank(a) - rank(b) || a.op.id - b.op.id);
  return evs.map(({ t, kind, op }) => JSON.stringify({
    process: op.process, type: kind === 0 ? 'invoke' : kind === 1 ? 'ok' : 'info', f: op.f,
    value: (kind === 0 ? op.input : kind === 1 ? op.output : null) ?? null, time: t, ...(op.key !== undefined ? { key: op.key } : {}),
  })).join('\n') + '\n';
}
