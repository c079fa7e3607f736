/** Test helper: a synthetic failing execution and a one-finding campaign report around it. */
import type { CampaignReport } from '../harness/report/campaign-report';
import { REPORT_FORMAT_VERSION } from '../harness/report/campaign-report';
import { cellFinding, reportedFinding } from '../harness/report/reported-finding';
import type { ExecutionOutcome } from '../harness/runtime/outcome';
import { sampleEntry } from './corpus-fixture';

/** A small TSO execution: two cpus, a buffered store, a flush, an IPI, a violation. */
export function sampleOutcome(): ExecutionOutcome {
  return {
    verdict: 'violation',
    finding: { kind: 'violation', message: 'two threads in the critical section <b>', locations: ['ticket.c:17', 'ticket.c:42'] },
    history: [
      { id: 0, process: 0, f: 'acquire', input: undefined, output: true, call: 0, ret: 4 },
      { id: 1, process: 1, f: 'acquire', input: undefined, output: true, call: 1, ret: 6 },
      { id: 2, process: 0, f: 'release', input: undefined, output: undefined, call: 7, ret: undefined },
    ],
    trace: [
      { step: 0, thread: 0, op: 'call', value: 'acquire' },
      { step: 1, thread: 1, op: 'call', value: 'acquire' },
      { step: 2, thread: 0, op: 'store', cell: 'lock.next', value: '1', location: 'ticket.c:17' },
      { step: 3, thread: 1, op: 'load', cell: 'lock.next', value: '0', location: 'ticket.c:17' },
      { step: 4, thread: 0, op: 'flush', cell: 'lock.next', value: '1' },
      { step: 5, thread: 1, op: 'ipi', value: 'vector 2' },
      { step: 6, thread: 1, op: 'return', value: 'true', location: 'ticket.c:42' },
      { step: 7, thread: 0, op: 'call', value: 'release' },
    ],
    decisions: [0, 1, 0, 2, 1],
    steps: 8,
    preemptions: 2,
    threadNames: ['cpu0', 'cpu1'],
  };
}

/** A campaign report with one clean cell and one cell with the sample finding seen `count` times. */
/** `shard` is the 1-based shard number (of 2). */
export function sampleReport(over: { shard?: number; count?: number; executions?: number; date?: string; decisions?: number[] } = {}): CampaignReport {
  const entry = sampleEntry(over.decisions ? { decisions: over.decisions } : {});
  const rf = reportedFinding(entry, over.count ?? 3);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    harnessVersion: '0.1.0',
    campaignSeed: 42,
    shard: { indices: [over.shard ?? 1], count: 2 },
    date: over.date ?? '2026-11-21T05:00:00.000Z',
    budget: { runs: 100 },
    cells: [
      {
        target: 'ticket', variant: 'fixed', memory: 'tso', executions: over.executions ?? 100, steps: 5000, timeMs: 1200, inconclusive: 1,
        findingsByKind: {}, findings: [], strategies: [{ strategy: 'pct:d=2', executions: over.executions ?? 100, steps: 5000, timeMs: 1200, newCoverage: 4, findings: 0 }],
        residualBounds: [{ depth: 2, n: 2, k: 50, runs: over.executions ?? 100 }], residualRisk: 'see bounds', expected: 'clean',
      },
      {
        target: 'ticket', variant: 'no-fence', memory: 'tso', executions: 80, steps: 4000, timeMs: 900, inconclusive: 0,
        findingsByKind: { violation: rf.count }, findings: [cellFinding(rf)], strategies: [{ strategy: 'random', executions: 80, steps: 4000, timeMs: 900, newCoverage: 2, findings: rf.count }], expected: 'violation',
      },
    ],
    findings: [rf],
  };
}
