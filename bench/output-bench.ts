/**
 * Output and robustness benchmarks (issue 10, issue 12 goal 4): the end-of-campaign write
 * (report files, finding folders, corpus) of a campaign that saves as it goes, against the
 * previous synchronous write of the same report; the report.json checkpoints; and the CPU
 * cost of the in-thread runaway guard on `run` and on shrinking. Figures, not assertions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveEntry } from '../harness/corpus/corpus-store';
import { explore } from '../harness/explore/explore';
import { createRunner, runSession } from '../harness/fuzz/campaign-session';
import { engineAdapter } from '../harness/fuzz/default-host';
import { resolveTasks, parseMemory } from '../harness/fuzz/fuzz-tasks';
import { guardedEngine } from '../harness/fuzz/guarded-engine';
import { shrinkFound } from '../harness/fuzz/shrink-finding';
import { formatInterleaving } from '../harness/report/interleaving-table';
import { writeCampaignReport } from '../harness/report/write-campaign-report';
import { RunawayGuard } from '../harness/runaway/runaway-guard';
import { runExecution } from '../harness/runtime/execute';
import { builtinTargets } from '../targets';
import { projectContext } from '../harness/cli/project-context';

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: readonly number[]): string => { const s = [...xs].sort((a, b) => a - b); return `${s[0]!.toFixed(2)}-${s[s.length - 1]!.toFixed(2)}`; };

/** The end-of-campaign write of an all-cells campaign, and the old synchronous write of the same report. */
async function campaignWrite(runs: number, workers: number): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-output-'));
  try {
    const resolved = resolveTasks([], parseMemory('all'), projectContext());
    const now = (): number => performance.now();
    const runner = createRunner(workers, now, (ref) => resolved.resolve(resolved.tasks.find((t) => t.ref === ref) ?? resolved.tasks[0]!));
    const out = path.join(root, 'out');
    const t0 = now();
    let s;
    try {
      s = await runSession({ tasks: resolved.tasks, resolve: resolved.resolve, runner, seed: 1, runs, now, date: new Date().toISOString(), harnessVersion: 'bench', outDir: out, corpusDir: path.join(out, 'corpus') });
    } finally {
      await runner.close();
    }
    const wall = now() - t0;
    // the previous way: every file written and fsync'ed one after the other, at the end
    const old = path.join(root, 'old');
    const o0 = now();
    for (const e of s.built.entries) saveEntry(path.join(old, 'corpus'), e);
    writeCampaignReport(s.built.report, { outDir: old, artefacts: (f) => { const o = s.built.outcomes.get(f.entryHash); return o ? { outcome: o } : undefined; }, formatTrace: formatInterleaving });
    const oldMs = now() - o0;
    const files = s.written?.files.length ?? 0;
    return [
      `### End-of-campaign write (all ${resolved.tasks.length} cells, ${runs} runs each, ${workers} workers: ${s.built.report.findings.length} findings, ${files + s.saved.length} files)`,
      '',
      '| what | ms |',
      '|---|---:|',
      `| campaign wall time | ${wall.toFixed(0)} |`,
      `| end-of-campaign write, saving as findings are shrunk (goal < 500) | ${(s.writeMs ?? 0).toFixed(0)} |`,
      `| the same report written the previous way (synchronous, one fsync'ed file after another) | ${oldMs.toFixed(0)} |`,
      `| report.json checkpoints during the campaign: ${s.checkpoints?.count ?? 0}, main-thread time to build and encode them | ${(s.checkpoints?.ms ?? 0).toFixed(0)} |`,
      '',
    ].join('\n');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The end-of-campaign write of the default campaign (issue 12 goal 4): what `lockstep fuzz`
 * runs without arguments (every built-in cell under every memory model, 45 s, one worker per
 * core, report and corpus under --out), through the session the CLI uses, `reps` times.
 */
export async function defaultCampaignWrite(reps: number): Promise<string> {
  const rows: string[] = [];
  const writes: number[] = [];
  for (let k = 0; k < reps; k++) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-write-'));
    try {
      const resolved = resolveTasks([], parseMemory(undefined), projectContext());
      const now = (): number => performance.now();
      const runner = createRunner(os.availableParallelism(), now, (ref) => resolved.resolve(resolved.tasks.find((t) => t.ref === ref) ?? resolved.tasks[0]!));
      const load = os.loadavg()[0];
      const out = path.join(root, 'out');
      let s;
      try {
        s = await runSession({ tasks: resolved.tasks, resolve: resolved.resolve, runner, seed: 1 + k, timeMs: 45_000, now, date: new Date().toISOString(), harnessVersion: 'bench', outDir: out, corpusDir: path.join(out, 'corpus') });
      } finally {
        await runner.close();
      }
      writes.push(s.writeMs ?? Number.NaN);
      rows.push(`| ${1 + k} | ${resolved.tasks.length} | ${s.built.report.findings.length} | ${(s.written?.files.length ?? 0) + s.saved.length} | ${load.toFixed(1)} | ${(s.writeMs ?? Number.NaN).toFixed(0)} |`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
  return [
    `## End-of-campaign write of the default campaign (issue 12 goal 4: < 500 ms)`,
    '',
    `\`lockstep fuzz\` defaults (45 s, every cell and memory model, ${os.availableParallelism()} workers), seeds 1..${reps}; wall time from the campaign's end to the last file written, fsync'ed and renamed (report files, finding pages, corpus). Median ${median(writes).toFixed(0)} ms.`,
    '',
    '| repetition | cells | findings | files | load average | end-of-campaign write, ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

/** CPU of `run`'s explore() and of shrinking, with and without the runaway guard (interleaved). */
async function guardOverhead(reps: number): Promise<string> {
  const ticket = builtinTargets().find((t) => t.name === 'ticket')!;
  const guard = new RunawayGuard();
  try {
    const opts = { target: ticket, variant: 'correct', memory: 'sc' as const, strategy: 'default' as const, seed: 5, runs: 20_000 };
    const found = await explore({ ...opts, variant: 'racy-take' });
    const f = found.findings[0]!;
    const shrinkArgs = { target: ticket, variant: 'racy-take', memory: 'sc' as const, workload: found.workload, outcome: f.outcome, maxSteps: 2000, strategy: 'default', seed: 5, execution: f.execution };
    const plain = { explore: [] as number[], shrink: [] as number[] };
    const guarded = { explore: [] as number[], shrink: [] as number[] };
    let shrinkExecutions = 0;
    await explore({ ...opts, runs: 2000 }); // warm-up
    for (let k = 0; k < reps; k++) {
      let c = cpuMs();
      await explore(opts);
      plain.explore.push(cpuMs() - c);
      c = cpuMs();
      await guard.run(() => explore(opts, { execute: guard.wrapExecute(runExecution) }));
      guarded.explore.push(cpuMs() - c);
      c = cpuMs();
      const s = await shrinkFound(shrinkArgs, { engine: engineAdapter(), budget: 2000 });
      plain.shrink.push(cpuMs() - c);
      shrinkExecutions = s.executions;
      c = cpuMs();
      await shrinkFound(shrinkArgs, { engine: guardedEngine(guard), budget: 2000 });
      guarded.shrink.push(cpuMs() - c);
    }
    const ratio = (a: number[], b: number[]): number[] => a.map((x, i) => b[i]! / x);
    const perExec = guarded.shrink.map((g, i) => ((g - plain.shrink[i]!) * 1000) / Math.max(1, shrinkExecutions));
    return [
      `### Runaway guard (in-thread), CPU, median of ${reps} interleaved repetitions`,
      '',
      '| workload | plain ms | guarded ms | guarded/plain (range) |',
      '|---|---:|---:|---:|',
      `| run: explore ticket:correct, 20 000 executions, one section | ${median(plain.explore).toFixed(0)} | ${median(guarded.explore).toFixed(0)} | ${median(ratio(plain.explore, guarded.explore)).toFixed(2)} (${spread(ratio(plain.explore, guarded.explore))}) |`,
      `| shrink ticket:racy-take, ${shrinkExecutions} executions, a section each | ${median(plain.shrink).toFixed(0)} | ${median(guarded.shrink).toFixed(0)} | ${median(ratio(plain.shrink, guarded.shrink)).toFixed(2)} (${spread(ratio(plain.shrink, guarded.shrink))}); ${median(perExec).toFixed(0)} us per section |`,
      '',
    ].join('\n');
  } finally {
    await guard.dispose();
  }
}

/** The `output` section of `npm run bench`. */
export async function runOutputBench(): Promise<string> {
  return `## Output and robustness (issues 10 and 12)\n\n${await campaignWrite(400, Math.min(2, os.availableParallelism()))}\n${await guardOverhead(5)}`;
}
