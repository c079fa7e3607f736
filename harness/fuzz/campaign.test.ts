import * as path from 'node:path';
import { runCampaign, type CampaignResult } from './campaign';
import type { BatchRunner } from './batch-runner';
import { inProcessRunner } from './in-process-runner';
import { poolRunner } from './pool-runner';
import type { CellResult } from './cell-result';
import type { FuzzTask, RawFinding } from './fuzz-types';
import { createFuzzHost } from './testing/racy-flag-host';
import { RACY_FLAG_TARGET } from './testing/racy-flag-engine';

const task = (variant: string): FuzzTask => ({ ref: { kind: 'builtin', name: 'racy-flag' }, target: 'racy-flag', variant, memory: 'sc' });
const hostModule = path.join(__dirname, 'testing', 'racy-flag-host');

/** The deterministic part of a result: what a user compares between runs. */
function digest(r: CampaignResult): unknown {
  return r.cells.map((c) => ({
    task: c.task.variant, executions: c.executions, coverage: [...c.coverage].sort(),
    findings: [...c.findings.entries()].sort().map(([sig, f]) => ({ sig, count: f.count, raw: f.raw, shrunk: f.shrunk?.run })),
  }));
}

describe('runCampaign', () => {
  it('gives the same findings in one pass and as two merged shards', async () => {
    const runner = inProcessRunner(createFuzzHost());
    const tasks = [task('racy'), task('atomic')];
    const whole = await runCampaign({ tasks, seed: 42, runs: 600, batchRuns: 100 }, runner);
    expect(whole.batches).toBe(12);
    const s0 = await runCampaign({ tasks, seed: 42, runs: 600, batchRuns: 100, shard: { index: 0, count: 2 } }, runner);
    const s1 = await runCampaign({ tasks, seed: 42, runs: 600, batchRuns: 100, shard: { index: 1, count: 2 } }, runner);
    expect(s0.batches + s1.batches).toBe(12);
    const racy = whole.cells[0];
    expect([...racy.findings.keys()]).toEqual(['violation:cs']);
    const f = racy.findings.get('violation:cs')!;
    const counts = [s0, s1].map((s) => s.cells[0].findings.get('violation:cs')?.count ?? 0);
    expect(counts[0] + counts[1]).toBe(f.count);
    // the representative (earliest batch/execution) comes from shard 0 (batch 0) and is shrunk the same
    expect(s0.cells[0].findings.get('violation:cs')?.raw).toEqual(f.raw);
    expect(s0.cells[0].findings.get('violation:cs')?.shrunk?.run).toEqual(f.shrunk?.run);
    expect(whole.cells[1].findings.size).toBe(0);
    expect(whole.cells[0].executions + whole.cells[1].executions).toBe(1200);
  });

  it('under a time budget gives weighted cells their share of batches, every cell at least one', async () => {
    const inner = inProcessRunner(createFuzzHost());
    let started = 0;
    // a clock that advances 10 ms per batch started: the budget is cut after ~12 batches, deterministically
    const counting = { ...inner, runBatch: (spec: Parameters<typeof inner.runBatch>[0], signal?: AbortSignal) => { started++; return inner.runBatch(spec, signal); } };
    const r = await runCampaign({ tasks: [task('racy'), task('atomic'), task('spin-forever')], seed: 3, timeMs: 115, now: () => started * 10, batchRuns: 50, weights: [1, 3, 1] }, counting);
    expect(r.batches).toBe(12);
    // stride order (virtual time j / w): all three at 0, atomic at 1/3 and 2/3, all three at 1,
    // atomic at 4/3 and 5/3, then racy and atomic at 2: 3, 7 and 2 batches of 50 runs
    expect(r.cells.map((c) => c.executions)).toEqual([150, 350, 100]);
  });

  it('records a harness error of one cell and goes on with the others', async () => {
    const inner = inProcessRunner(createFuzzHost());
    const failing = { ...inner, runBatch: (spec: Parameters<typeof inner.runBatch>[0]) => (spec.task.variant === 'racy' ? Promise.reject(new Error('engine fault')) : inner.runBatch(spec)) };
    const r = await runCampaign({ tasks: [task('racy'), task('atomic')], seed: 1, runs: 300, batchRuns: 100 }, failing);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/racy-flag:racy@sc: Error: engine fault/);
    expect(r.cells[1].executions).toBe(300);
  });

  it('stops starting batches when interrupted and still traces what it found', async () => {
    const ctl = new AbortController();
    const r = await runCampaign({ tasks: [task('racy')], seed: 4, runs: 2000, batchRuns: 100, signal: ctl.signal, onProgress: (p) => { if (p.batchesDone === 2) ctl.abort(); } }, inProcessRunner(createFuzzHost()));
    expect(r.interrupted).toBe(true);
    expect(r.batches).toBeLessThan(20);
    const f = r.cells[0].findings.get('violation:cs');
    expect(f?.shrunk?.outcome.trace?.length).toBeGreaterThan(0);
  });

  it('gives the same result on lanes that finish their jobs out of order, sharded or not', async () => {
    const inner = inProcessRunner(createFuzzHost());
    const ticks = async (n: number): Promise<void> => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };
    const shrinkLanes: (number | undefined)[] = [];
    const batchLanes = new Map<string, number>();
    // lane 0 finishes later batches first and after the other lanes: completion order is
    // neither start order nor batch order
    const lanes: BatchRunner = {
      ...inner, lanes: 2, concurrency: 2,
      async runBatch(spec, signal, lane) {
        batchLanes.set(`${spec.task.target}:${spec.task.variant}/${spec.index}`, lane!);
        await ticks(lane === 0 ? Math.max(0, 40 - spec.index * 10) : 0);
        return inner.runBatch(spec, signal);
      },
      shrink(spec, signal, lane) { shrinkLanes.push(lane); return inner.shrink(spec, signal); },
    };
    // two targets (affinity groups) on two lanes; lane 1 is done with its group first and
    // steals the later batches of 'racy', which it runs before lane 0 has started the earlier ones
    const other = (variant: string): FuzzTask => ({ ...task(variant), ref: { kind: 'builtin', name: 'other' }, target: 'other' });
    const tasks = [task('atomic'), task('racy'), other('racy')];
    for (const shard of [undefined, { index: 1, count: 2 }]) {
      const one = await runCampaign({ tasks, seed: 11, runs: 800, batchRuns: 100, ...(shard ? { shard } : {}) }, inner);
      batchLanes.clear();
      shrinkLanes.length = 0;
      const finals: string[] = [];
      const name = (c: CellResult, f: RawFinding): string => `${c.task.target}:${c.task.variant} ${f.batch}/${f.execution} ${f.signature}`;
      const three = await runCampaign({ tasks, seed: 11, runs: 800, batchRuns: 100, ...(shard ? { shard } : {}), observer: { findingFinal: (c, f) => finals.push(name(c, f.raw)) } }, lanes);
      expect(digest(three)).toEqual(digest(one));
      expect(new Set(batchLanes.values()).size).toBe(2);
      // a representative is final only when every earlier batch of its cell is done, whichever lane ran it
      const reps = three.cells.flatMap((c) => [...c.findings.values()].map((f) => name(c, f.raw)));
      expect(finals.sort()).toEqual(reps.sort());
      // each shrink ran on the lane of its representative's batch
      const racy = three.cells[1].findings.get('violation:cs')!;
      expect(shrinkLanes).toContain(batchLanes.get(`racy-flag:racy/${racy.raw.batch}`));
    }
  });

  it('gives the same result on a pool of 2 workers as in process', async () => {
    const tasks = [task('racy'), task('atomic')];
    const inProc = await runCampaign({ tasks, seed: 9, runs: 400, batchRuns: 100 }, inProcessRunner(createFuzzHost()));
    const pool = poolRunner({ workers: 2, hostModule, now: () => performance.now(), resolveTarget: () => RACY_FLAG_TARGET });
    try {
      const pooled = await runCampaign({ tasks, seed: 9, runs: 400, batchRuns: 100, now: () => performance.now() }, pool);
      expect(digest(pooled)).toEqual(digest(inProc));
    } finally {
      await pool.close();
    }
  });

  it('kills a runaway run, reports it, and carries on', async () => {
    const pool = poolRunner({ workers: 2, hostModule, runawayMs: 300, now: () => performance.now(), resolveTarget: () => RACY_FLAG_TARGET });
    try {
      const r = await runCampaign({ tasks: [task('runaway'), task('atomic')], seed: 5, runs: 400, batchRuns: 100, now: () => performance.now() }, pool);
      const run = r.cells[0].findings.get('runaway:~a thread never yielded to the scheduler');
      expect(run).toBeDefined();
      expect(run!.raw.run.workload.ops.length).toBe(4);
      expect(r.cells[1].executions).toBe(400);
      expect(r.errors).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
