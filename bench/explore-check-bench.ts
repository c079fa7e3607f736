import * as fs from 'fs';
import * as path from 'path';
import { builtinTargets } from '../targets';
import type { CheckHistoryFn } from '../harness/checker/checker-api';
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
 * Set LOCKSTEP_BENCH_BASELINE to another built checkout (e.g. a clone of main before a
 * change, `npm run build` done): its explore() and targets then run the same batches with the
 * check, interleaved with these, in this process (a "baseline" column and the ratio).
 */
export async function exploreCheckBench(rounds = 7, batch = 2000): Promise<string> {
  const workload = { ops: [['lock', 'lock', 'lock'], ['lock', 'lock', 'lock'], ['lock', 'lock', 'lock']] };
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const targets = builtinTargets();
  const baseline = loadBaseline(process.env.LOCKSTEP_BENCH_BASELINE);
  type Cell = { target: string; memory: MemoryModelName; check: number[]; bare: number[]; base: number[] };
  const cells: Cell[] = [];
  for (const target of ['ticket', 'mcs']) for (const memory of ['sc', 'tso'] as MemoryModelName[]) cells.push({ target, memory, check: [], bare: [], base: [] });
  const run = async (c: Cell, seed: number, runs: number, withCheck: boolean, code: Code = { explore, targets }): Promise<number> => {
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
  lines.push('', `Load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores; steps per CPU-second still drop when the machine is loaded: caches and V8's helper threads are shared).`);
  return lines.join('\n') + '\n';
}

/** The engine and targets explore-check runs: this checkout's or a baseline's. */
interface Code {
  readonly explore: typeof explore;
  readonly targets: readonly AnyTarget[];
}

/** Another built checkout's explore() and built-in targets (LOCKSTEP_BENCH_BASELINE), or undefined. */
function loadBaseline(dir: string | undefined): { dir: string; code: Code } | undefined {
  if (dir === undefined || dir === '') return undefined;
  const dist = path.join(path.resolve(dir), 'dist');
  if (!fs.existsSync(path.join(dist, 'harness', 'explore', 'explore.js'))) throw new Error(`LOCKSTEP_BENCH_BASELINE=${dir}: not a built checkout (run npm run build there)`);
  const ex = require(path.join(dist, 'harness', 'explore', 'explore.js')) as { explore: typeof explore };
  const tg = require(path.join(dist, 'targets', 'index.js')) as { builtinTargets(): readonly AnyTarget[] };
  return { dir, code: { explore: ex.explore, targets: tg.builtinTargets() } };
}
