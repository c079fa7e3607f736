import * as fs from 'fs';
import { builtinTargets } from '../targets';
import type { CheckHistoryFn } from '../harness/checker/checker-api';
import { explore } from '../harness/explore/explore';
import type { MemoryModelName } from '../harness/memory/memory-model';
import { spread } from './process-measure';

/** A checker that accepts everything: the engine and explore() alone, for comparison. */
const noCheck: CheckHistoryFn = () => ({ verdict: 'linearizable', steps: 0 });

/**
 * Issue 12 goal 2: explore() including the linearizability check of every history, in
 * steps per CPU-second, on the engine bench workloads (ticket and mcs, 3 threads x 3 lock
 * operations, sc and tso, random walk). Each cell runs `rounds` batches of `batch`
 * executions interleaved with the same batches without the check (the ratio is the share
 * the check costs). Goal: 2.5 M steps/s with the check. Returns markdown.
 */
export async function exploreCheckBench(rounds = 7, batch = 2000): Promise<string> {
  const workload = { ops: [['lock', 'lock', 'lock'], ['lock', 'lock', 'lock'], ['lock', 'lock', 'lock']] };
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const targets = builtinTargets();
  type Cell = { target: string; memory: MemoryModelName; check: number[]; bare: number[] };
  const cells: Cell[] = [];
  for (const target of ['ticket', 'mcs']) for (const memory of ['sc', 'tso'] as MemoryModelName[]) cells.push({ target, memory, check: [], bare: [] });
  const run = async (c: Cell, seed: number, runs: number, withCheck: boolean): Promise<number> => {
    const target = targets.find((t) => t.name === c.target);
    if (target === undefined) return Number.NaN;
    const t0 = cpuNow();
    const r = await explore({ target, variant: 'correct', memory: c.memory, strategy: 'random', seed, runs, workload, stopAtFirst: false }, withCheck ? {} : { check: noCheck });
    return r.steps / (cpuNow() - t0) / 1000;
  };
  for (const c of cells) for (let w = 0; w < 4; w++) { await run(c, w, 400, true); await run(c, w, 400, false); }
  for (let round = 0; round < rounds; round++) {
    for (const c of cells) {
      c.check.push(await run(c, 1000 + round, batch, true));
      c.bare.push(await run(c, 1000 + round, batch, false));
    }
  }
  const m = (x: number): string => `${x.toFixed(2)} M`;
  const lines = [
    '### explore() with the check of every history (issue 12 goal 2)', '',
    `Steps per CPU-second of this process, median of ${rounds} interleaved batches of ${batch} executions (min-max in brackets); ` +
      '"without" replaces the checker by one that accepts everything. Goal: 2.5 M steps/s with the check.', '',
    '| workload | with the check | without | check share of CPU | goal (>= 2.5 M) met |', '|---|---:|---:|---:|---|',
  ];
  for (const c of cells) {
    const a = spread(c.check), b = spread(c.bare);
    lines.push(`| ${c.target}, ${c.memory} | ${m(a.median)} (${m(a.min)}-${m(a.max)}) | ${m(b.median)} | ${((1 - a.median / b.median) * 100).toFixed(0)} % | ${a.median >= 2.5 ? 'yes' : 'no'} |`);
  }
  lines.push('', `Load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores; steps per CPU-second still drop when the machine is loaded: caches and V8's helper threads are shared).`);
  return lines.join('\n') + '\n';
}
