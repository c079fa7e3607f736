import * as fs from 'fs';
import * as path from 'path';
import { builtinTargets } from '../targets';
import { checkHistory } from '../harness/checker';
import type { CheckHistoryFn } from '../harness/checker/checker-api';
import type { Operation } from '../harness/history/operation';
import { explore } from '../harness/explore/explore';
import type { MemoryModelName } from '../harness/memory/memory-model';
import type { AnyTarget } from '../harness/target/any-target';
import { spread } from './process-measure';

/** A checker that accepts everything: the engine and explore() alone, for comparison. */
const noCheck: CheckHistoryFn = () => ({ verdict: 'linearizable', steps: 0 });

/**
 * Issue 12 goal 2: explore() including the linearizability check of every history, in
 * steps per CPU-second, on the engine bench workloads (ticket and mcs, 3 threads x 3 lock
 * operations, sc and tso, random walk). Each cell runs `rounds` batches of `batch`
 * executions interleaved with the same batches without the check (the ratio is the share
 * the check costs). Goal: 2.5 M steps/s with the check. Returns markdown.
 *
 * A second table times the check alone (checkHistory as explore() calls it) on the recorded
 * histories of one batch per cell, against the CPU per execution without the check.
 *
 * Set LOCKSTEP_BENCH_BASELINE to another built checkout (e.g. a clone of main before a
 * change, `npm run build` done): its explore() and targets then run the same batches with the
 * check, interleaved with these, in this process (a "baseline" column and the ratio).
 */
export async function exploreCheckBench(rounds = 7, batch = 2000): Promise<string> {
  const workload = { ops: [['lock', 'lock', 'lock'], ['lock', 'lock', 'lock'], ['lock', 'lock', 'lock']] };
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const targets = builtinTargets();
  const baseline = loadBaseline(process.env.LOCKSTEP_BENCH_BASELINE);
  type Cell = { target: string; memory: MemoryModelName; check: number[]; bare: number[]; base: number[]; checkNs: number[]; baseNs: number[]; execUs: number };
  const cells: Cell[] = [];
  for (const target of ['ticket', 'mcs']) for (const memory of ['sc', 'tso'] as MemoryModelName[]) cells.push({ target, memory, check: [], bare: [], base: [], checkNs: [], baseNs: [], execUs: Number.NaN });
  const run = async (c: Cell, seed: number, runs: number, withCheck: boolean, code: Code = { explore, targets, checkHistory }): Promise<number> => {
    const target = code.targets.find((t) => t.name === c.target);
    if (target === undefined) return Number.NaN;
    const t0 = cpuNow();
    const r = await code.explore({ target, variant: 'correct', memory: c.memory, strategy: 'random', seed, runs, workload, stopAtFirst: false }, withCheck ? {} : { check: noCheck });
    return r.steps / (cpuNow() - t0) / 1000;
  };
  for (const c of cells) {
    for (let w = 0; w < 4; w++) {
      await run(c, w, 400, true);
      await run(c, w, 400, false);
      if (baseline !== undefined) await run(c, w, 400, true, baseline.code);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const c of cells) {
      c.check.push(await run(c, 1000 + round, batch, true));
      c.bare.push(await run(c, 1000 + round, batch, false));
      if (baseline !== undefined) c.base.push(await run(c, 1000 + round, batch, true, baseline.code));
    }
  }
  // the check alone, on the histories of one batch per cell (as explore() calls it: verdict only)
  const budget = { maxSteps: 200_000 }, options = { verdictOnly: true };
  const timeChecks = (fn: CheckHistoryFn, spec: string, hs: readonly (readonly Operation[])[]): number => {
    const t0 = cpuNow();
    for (let k = 0; k < 10; k++) for (const h of hs) fn(spec, h, budget, options);
    return (cpuNow() - t0) * 1e6 / (10 * hs.length);
  };
  for (const c of cells) {
    const target = targets.find((t) => t.name === c.target);
    if (target === undefined || typeof target.spec !== 'string') continue;
    const hs: (readonly Operation[])[] = [];
    const r = await explore({ target, variant: 'correct', memory: c.memory, strategy: 'random', seed: 99, runs: batch, workload, stopAtFirst: false }, { check: (_s, h) => { hs.push(h); return { verdict: 'linearizable', steps: 0 }; } });
    // an execution's CPU from the steps per second of the batches without the check (this batch keeps its histories: more GC)
    c.execUs = r.steps / r.executions / spread(c.bare).median;
    for (let rep = 0; rep < 5; rep++) {
      c.checkNs.push(timeChecks(checkHistory, target.spec, hs));
      if (baseline !== undefined) c.baseNs.push(timeChecks(baseline.code.checkHistory, target.spec, hs));
    }
  }
  const m = (x: number): string => `${x.toFixed(2)} M`;
  const lines = [
    '### explore() with the check of every history (issue 12 goal 2)', '',
    `Steps per CPU-second of this process, median of ${rounds} interleaved batches of ${batch} executions (min-max in brackets); ` +
      '"without" replaces the checker by one that accepts everything. Goal: 2.5 M steps/s with the check.', '',
    baseline === undefined ? '| workload | with the check | without | check share of CPU | goal (>= 2.5 M) met |'
      : `| workload | with the check | without | check share of CPU | goal (>= 2.5 M) met | baseline ${baseline.dir}, with the check | this / baseline |`,
    baseline === undefined ? '|---|---:|---:|---:|---|' : '|---|---:|---:|---:|---|---:|---:|',
  ];
  for (const c of cells) {
    const a = spread(c.check), b = spread(c.bare);
    let row = `| ${c.target}, ${c.memory} | ${m(a.median)} (${m(a.min)}-${m(a.max)}) | ${m(b.median)} | ${((1 - a.median / b.median) * 100).toFixed(0)} % | ${a.median >= 2.5 ? 'yes' : 'no'} |`;
    if (baseline !== undefined) {
      const z = spread(c.base);
      row += ` ${m(z.median)} (${m(z.min)}-${m(z.max)}) | ${(a.median / z.median).toFixed(2)} |`;
    }
    lines.push(row);
  }
  lines.push('', `The check alone: CPU per history of checkHistory (verdict only, as explore() calls it) over the ${batch} recorded histories of one batch, ` +
    'median of 5 repetitions of 10 passes (min-max), against the CPU per execution without the check (steps per execution / the "without" figure above).', '',
  baseline === undefined ? '| workload | check per history | execution without the check | check / execution |'
    : '| workload | check per history | execution without the check | check / execution | baseline check per history |',
  baseline === undefined ? '|---|---:|---:|---:|' : '|---|---:|---:|---:|---:|');
  const ns = (x: number): string => `${x.toFixed(0)} ns`;
  for (const c of cells) {
    if (c.checkNs.length === 0) continue;
    const a = spread(c.checkNs);
    let row = `| ${c.target}, ${c.memory} | ${ns(a.median)} (${ns(a.min)}-${ns(a.max)}) | ${c.execUs.toFixed(1)} us | ${(a.median / 10 / c.execUs).toFixed(1)} % |`;
    if (baseline !== undefined) { const z = spread(c.baseNs); row += ` ${ns(z.median)} (${ns(z.min)}-${ns(z.max)}) |`; }
    lines.push(row);
  }
  lines.push('', `Load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores; steps per CPU-second still drop when the machine is loaded: caches and V8's helper threads are shared).`);
  return lines.join('\n') + '\n';
}

/** The engine and targets explore-check runs: this checkout's or a baseline's. */
interface Code {
  readonly explore: typeof explore;
  readonly targets: readonly AnyTarget[];
  readonly checkHistory: CheckHistoryFn;
}

/** Another built checkout's explore() and built-in targets (LOCKSTEP_BENCH_BASELINE), or undefined. */
function loadBaseline(dir: string | undefined): { dir: string; code: Code } | undefined {
  if (dir === undefined || dir === '') return undefined;
  const dist = path.join(path.resolve(dir), 'dist');
  if (!fs.existsSync(path.join(dist, 'harness', 'explore', 'explore.js'))) throw new Error(`LOCKSTEP_BENCH_BASELINE=${dir}: not a built checkout (run npm run build there)`);
  const ex = require(path.join(dist, 'harness', 'explore', 'explore.js')) as { explore: typeof explore };
  const tg = require(path.join(dist, 'targets', 'index.js')) as { builtinTargets(): readonly AnyTarget[] };
  const ck = require(path.join(dist, 'harness', 'checker', 'index.js')) as { checkHistory: CheckHistoryFn };
  return { dir, code: { explore: ex.explore, targets: tg.builtinTargets(), checkHistory: ck.checkHistory } };
}
