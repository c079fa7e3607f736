/**
 * Chrome Trace Event format (the JSON that Perfetto and chrome://tracing open) of one
 * execution: one track per thread/cpu with every step as a complete ('X') slice carrying
 * op/cell/value, a store-buffer track per cpu where TSO flushes land, IPIs as slices plus
 * instant markers, the history's operations on a second process (call to return; operations
 * of one thread that overlap, as under tso, on extra lanes of that thread), and the finding as
 * a global instant at the end. One step = one microsecond of trace time.
 */
import type { Operation } from '../history/operation';
import type { TraceEntry } from '../runtime/outcome';

/** One Trace Event (the subset we emit). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M' | 'i';
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly s?: 'g' | 'p' | 't';
  readonly args?: Readonly<Record<string, string | number | boolean>>;
}

/** The JSON object format of a trace file. */
export interface ChromeTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ms' | 'ns';
  readonly otherData: Readonly<Record<string, string>>;
}

/** What `toChromeTrace` draws. */
export interface ChromeTraceInput {
  /** Process label, e.g. `ticket:no-fence (tso)`. */
  readonly title: string;
  readonly threadNames: readonly string[];
  readonly trace: readonly TraceEntry[];
  readonly history?: readonly Operation[];
  /** Finding message, drawn as a global instant after the last step. */
  readonly finding?: string;
  readonly otherData?: Readonly<Record<string, string>>;
}

const EXEC_PID = 1;
const HISTORY_PID = 2;
/** Store-buffer tracks sit after the thread tracks. */
const BUFFER_TID_BASE = 1000;
/** History lanes per thread: lane l of process p is tid `p + 1 + l * HISTORY_LANES`. */
const HISTORY_LANES = 1000;

function historyTid(process: number, lane: number): number {
  return process + 1 + lane * HISTORY_LANES;
}

/** Build the trace. Thread `i` is tid `i + 1` (tid 0 is avoided: some viewers hide it). */
export function toChromeTrace(input: ChromeTraceInput): ChromeTrace {
  const ev: TraceEvent[] = [];
  const meta = (pid: number, tid: number, name: 'process_name' | 'thread_name' | 'thread_sort_index' | 'process_sort_index', args: Record<string, string | number>): void => {
    ev.push({ name, ph: 'M', pid, tid, ts: 0, args });
  };
  meta(EXEC_PID, 0, 'process_name', { name: input.title });
  meta(EXEC_PID, 0, 'process_sort_index', { sort_index: 0 });
  const threadCount = Math.max(input.threadNames.length, ...input.trace.map((e) => e.thread + 1), 0);
  for (let i = 0; i < threadCount; i++) {
    meta(EXEC_PID, i + 1, 'thread_name', { name: input.threadNames[i] ?? `t${i}` });
    meta(EXEC_PID, i + 1, 'thread_sort_index', { sort_index: i });
  }
  const buffers = new Set<number>();
  let end = 0;
  for (const e of input.trace) {
    end = Math.max(end, e.step + 1);
    const args: Record<string, string | number> = { step: e.step, op: e.op };
    if (e.cell !== undefined) args.cell = e.cell;
    if (e.value !== undefined) args.value = e.value;
    if (e.location !== undefined) args.location = e.location;
    const label = e.cell !== undefined ? `${e.op} ${e.cell}` : e.op;
    if (e.op === 'flush') {
      // A flush commits cpu e.thread's oldest store: draw it on that cpu's store-buffer track.
      buffers.add(e.thread);
      ev.push({ name: label, cat: 'flush', ph: 'X', pid: EXEC_PID, tid: BUFFER_TID_BASE + e.thread, ts: e.step, dur: 1, args });
      continue;
    }
    ev.push({ name: label, cat: e.op === 'ipi' ? 'ipi' : 'step', ph: 'X', pid: EXEC_PID, tid: e.thread + 1, ts: e.step, dur: 1, args });
    if (e.op === 'ipi') ev.push({ name: `IPI ${e.value ?? ''}`.trim(), cat: 'ipi', ph: 'i', s: 't', pid: EXEC_PID, tid: e.thread + 1, ts: e.step, args });
  }
  for (const cpu of [...buffers].sort((a, b) => a - b)) {
    meta(EXEC_PID, BUFFER_TID_BASE + cpu, 'thread_name', { name: `${input.threadNames[cpu] ?? `t${cpu}`} store buffer` });
    meta(EXEC_PID, BUFFER_TID_BASE + cpu, 'thread_sort_index', { sort_index: threadCount + cpu });
  }
  if (input.history && input.history.length > 0) {
    meta(HISTORY_PID, 0, 'process_name', { name: 'history' });
    meta(HISTORY_PID, 0, 'process_sort_index', { sort_index: 1 });
    const last = Math.max(end, ...input.history.map((o) => Math.max(o.call, o.ret ?? 0) + 1));
    // Under tso one thread's operations can overlap (a release whose store is still buffered
    // has not returned when the next acquire starts). Perfetto nests complete slices on a
    // track and cannot draw a partial overlap, so each operation goes to the first lane of
    // its thread that is free at its call: lane 0 is `cpu0 ops`, further lanes sit below it.
    const lanes = new Map<number, number[]>(); // process -> end of the last op per lane
    const tracks = new Map<number, { process: number; lane: number }>();
    const byCall = [...input.history].sort((a, b) => a.call - b.call || a.id - b.id);
    for (const o of byCall) {
      const ret = o.ret ?? last;
      const ends = lanes.get(o.process) ?? [];
      let lane = ends.findIndex((e) => e <= o.call);
      if (lane < 0) lane = ends.length;
      ends[lane] = Math.max(o.call + 1, ret);
      lanes.set(o.process, ends);
      const tid = historyTid(o.process, lane);
      tracks.set(tid, { process: o.process, lane });
      ev.push({
        name: o.f,
        cat: o.ret === undefined ? 'pending' : 'op',
        ph: 'X',
        pid: HISTORY_PID,
        tid,
        ts: o.call,
        dur: Math.max(1, ret - o.call),
        args: { id: o.id, input: show(o.input), output: o.ret === undefined ? '(pending)' : show(o.output), ...(o.key !== undefined ? { key: o.key } : {}), ...(lane > 0 ? { overlaps: 'an earlier operation of this thread had not returned yet (tso)' } : {}) },
      });
    }
    for (const [tid, { process, lane }] of [...tracks].sort(([a], [b]) => a - b)) {
      const name = `${input.threadNames[process] ?? `p${process}`} ops`;
      meta(HISTORY_PID, tid, 'thread_name', { name: lane === 0 ? name : `${name} (overlapping ${lane + 1})` });
      meta(HISTORY_PID, tid, 'thread_sort_index', { sort_index: process * HISTORY_LANES + lane });
    }
    end = last;
  }
  if (input.finding !== undefined) ev.push({ name: input.finding, cat: 'finding', ph: 'i', s: 'g', pid: EXEC_PID, tid: 0, ts: end });
  return { traceEvents: ev, displayTimeUnit: 'ms', otherData: { ...(input.otherData ?? {}) } };
}

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
}
