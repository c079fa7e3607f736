import type { HistoryEvent, ParsedHistory } from './history-event';
import { HistoryParseError } from './history-parse-error';
import type { Operation } from './operation';

/** What a `fail` completion means for the op it closes: dropped, or completed with an output. */
export type FailHandling = { readonly drop: true } | { readonly drop: false; readonly output: unknown };

interface Pending {
  readonly ev: HistoryEvent;
  readonly call: number;
}

/**
 * Pair invoke events with their completions (Jepsen semantics): one op in flight per
 * process; `ok` completes with its value as output; `info` leaves the op with an unknown
 * outcome (no return bound), as does an invoke never completed; `fail` is decided by
 * `onFail` (usually: drop, the op had no effect). Ops get dense ids in invoke order.
 */
export function pairEvents(events: readonly HistoryEvent[], file: string, onFail: (invoke: HistoryEvent, fail: HistoryEvent) => FailHandling): ParsedHistory {
  const pending = new Map<number, Pending>();
  type Draft = { invoke: HistoryEvent; call: number; ret: number | undefined; output: unknown; dropped: boolean };
  const drafts: Draft[] = [];
  const draftOf = new Map<number, Draft>();
  let dropped = 0;
  events.forEach((ev, index) => {
    const time = ev.time ?? index;
    if (ev.type === 'invoke') {
      const prev = pending.get(ev.process);
      if (prev !== undefined) {
        throw new HistoryParseError(file, ev.line, `a completion (ok/fail/info) for process ${ev.process}'s ${prev.ev.f} invoked at line ${prev.ev.line}, not a second invoke`);
      }
      const d: Draft = { invoke: ev, call: time, ret: undefined, output: undefined, dropped: false };
      drafts.push(d);
      draftOf.set(ev.process, d);
      pending.set(ev.process, { ev, call: time });
      return;
    }
    const open = pending.get(ev.process);
    if (open === undefined) throw new HistoryParseError(file, ev.line, `an invoke before this ${ev.type} of process ${ev.process}`);
    if (open.ev.f !== ev.f) throw new HistoryParseError(file, ev.line, `a completion of ${open.ev.f} (invoked at line ${open.ev.line}), not of ${ev.f}`);
    if (ev.key !== open.ev.key) throw new HistoryParseError(file, ev.line, `key ${JSON.stringify(open.ev.key)} as in the invoke at line ${open.ev.line}`);
    if (time < open.call) throw new HistoryParseError(file, ev.line, `a time >= ${open.call} (the invoke's time), got ${time}`);
    pending.delete(ev.process);
    const d = draftOf.get(ev.process)!;
    if (ev.type === 'ok') { d.ret = time; d.output = ev.value; return; }
    if (ev.type === 'info') return;
    const h = onFail(open.ev, ev);
    if (h.drop) { d.dropped = true; dropped++; } else { d.ret = time; d.output = h.output; }
  });
  const ops: Operation[] = [];
  const lines: number[] = [];
  for (const d of drafts) {
    if (d.dropped) continue;
    const op: Operation = {
      id: ops.length, process: d.invoke.process, f: d.invoke.f, input: d.invoke.value,
      output: d.output, call: d.call, ret: d.ret, ...(d.invoke.key !== undefined ? { key: d.invoke.key } : {}),
    };
    ops.push(op);
    lines.push(d.invoke.line);
  }
  return { ops, lines, events: events.length, dropped };
}
