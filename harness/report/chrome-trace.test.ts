import type { Operation } from '../history/operation';
import { toChromeTrace, type TraceEvent } from './chrome-trace';
import { chromeTraceProblems } from './chrome-trace-check';

/** cpu0: acquire [0,4), release [5,12) whose store is still buffered while acquire [8,10) runs (tso); cpu1: acquire [1,6). */
const tsoHistory: Operation[] = [
  { id: 0, process: 0, f: 'acquire', input: undefined, output: true, call: 0, ret: 4 },
  { id: 1, process: 1, f: 'acquire', input: undefined, output: true, call: 1, ret: 6 },
  { id: 2, process: 0, f: 'release', input: undefined, output: undefined, call: 5, ret: 12 },
  { id: 3, process: 0, f: 'acquire', input: undefined, output: true, call: 8, ret: 10 },
  { id: 4, process: 0, f: 'release', input: undefined, output: undefined, call: 13, ret: undefined },
];

const ops = (evs: readonly TraceEvent[]): string[] => evs.filter((e) => e.pid === 2 && e.ph === 'X').map((e) => `${e.tid}:${e.name}@${e.ts}+${e.dur}`);

describe('Chrome trace history tracks', () => {
  it('puts an operation that overlaps an earlier one of its thread on a second, named lane', () => {
    const t = toChromeTrace({ title: 't', threadNames: ['cpu0', 'cpu1'], trace: [], history: tsoHistory });
    expect(ops(t.traceEvents)).toEqual(['1:acquire@0+4', '2:acquire@1+5', '1:release@5+7', '1001:acquire@8+2', '1:release@13+1']);
    const names = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === 2).map((e) => `${e.tid}=${String(e.args!.name)}`);
    expect(names).toEqual(['1=cpu0 ops', '2=cpu1 ops', '1001=cpu0 ops (overlapping 2)']);
    expect(chromeTraceProblems(t)).toEqual([]);
  });

  it('never nests one operation inside another of the same thread (that would read as a sub-operation)', () => {
    const nested: Operation[] = [
      { id: 0, process: 0, f: 'release', input: undefined, output: undefined, call: 0, ret: 20 },
      { id: 1, process: 0, f: 'acquire', input: undefined, output: true, call: 3, ret: 5 },
      { id: 2, process: 0, f: 'acquire', input: undefined, output: true, call: 6, ret: 9 },
    ];
    const t = toChromeTrace({ title: 't', threadNames: ['cpu0'], trace: [], history: nested });
    // both acquires share lane 2: they do not overlap each other
    expect(ops(t.traceEvents)).toEqual(['1:release@0+20', '1001:acquire@3+2', '1001:acquire@6+3']);
  });
});

describe('chromeTraceProblems', () => {
  const base = { displayTimeUnit: 'ms', otherData: {} };
  const named = (tid: number): TraceEvent => ({ name: 'thread_name', ph: 'M', pid: 2, tid, ts: 0, args: { name: `t${tid}` } });

  it('rejects slices of one track that overlap without nesting (what the old single history track did under tso)', () => {
    const old = { ...base, traceEvents: [named(1), { name: 'release', ph: 'X', pid: 2, tid: 1, ts: 5, dur: 7 }, { name: 'acquire', ph: 'X', pid: 2, tid: 1, ts: 8, dur: 6 }] };
    expect(chromeTraceProblems(old)).toEqual(["track 2/1: 'acquire' [8, 14) overlaps 'release' [5, 12) without nesting (traceEvents[2], [1])"]);
  });

  it('accepts nesting and touching slices; rejects unnamed tracks, zero durations, unknown phases and junk', () => {
    const ok = { ...base, traceEvents: [named(1), { name: 'a', ph: 'X', pid: 2, tid: 1, ts: 0, dur: 10 }, { name: 'b', ph: 'X', pid: 2, tid: 1, ts: 2, dur: 3 }, { name: 'c', ph: 'X', pid: 2, tid: 1, ts: 10, dur: 1 }] };
    expect(chromeTraceProblems(ok)).toEqual([]);
    expect(chromeTraceProblems({ ...base, traceEvents: [{ name: 'a', ph: 'X', pid: 1, tid: 9, ts: 0, dur: 1 }] })).toEqual(['track 1/9: slices on a track without a thread_name']);
    expect(chromeTraceProblems({ ...base, traceEvents: [named(1), { name: 'a', ph: 'X', pid: 2, tid: 1, ts: 0, dur: 0 }] })).toEqual(['traceEvents[1]: a complete slice needs dur > 0']);
    expect(chromeTraceProblems({ ...base, traceEvents: [{ name: 'a', ph: 'B', pid: 1, tid: 1, ts: 0 }] })).toEqual(['traceEvents[0]: unexpected phase "B"']);
    expect(chromeTraceProblems([])).toEqual(['expected an object with a traceEvents array (JSON object format)']);
  });
});
