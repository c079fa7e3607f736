import * as fs from 'fs';
import * as path from 'path';
import type { Operation } from '../harness/history/operation';
import { formatNativeHistory } from '../harness/history/native-writer';
import { casRegisterHistory, collectionHistory } from './history-generators';
import { measureProcess, spread } from './process-measure';

const fmt = (x: number | undefined, digits = 0): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

interface CliRun { readonly cpuMs: number; readonly wallMs: number; readonly rssMb: number; readonly verdict: string; readonly algorithm: string; readonly accountedMb: number; readonly stoppedBy: string }

/** `lockstep check --json` on one file, `reps` times: median CPU and wall, max RSS, and what it answered. */
function checkCli(cli: string, model: string, file: string, reps: number, extra: readonly string[] = []): CliRun {
  const runs = Array.from({ length: reps }, () => measureProcess(process.execPath, [cli, 'check', '--model', model, '--json', ...extra, file]));
  const o = JSON.parse(runs[0]!.stdout.trim()) as { verdict: string; algorithm: string; memoryBytes?: number; stoppedBy?: string };
  return {
    cpuMs: spread(runs.map((r) => r.cpuMs)).median, wallMs: spread(runs.map((r) => r.wallMs)).median,
    rssMb: Math.max(...runs.map((r) => r.maxRssMb ?? Number.NaN)), verdict: o.verdict, algorithm: o.algorithm,
    accountedMb: (o.memoryBytes ?? 0) / 2 ** 20, stoppedBy: o.stoppedBy ?? '',
  };
}

function write(work: string, name: string, ops: readonly Operation[]): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, formatNativeHistory(ops));
  return file;
}

/** A sequential cas-register history of about `mb` megabytes (one client, no overlap). */
function sequential(work: string, mb: number): string {
  return write(work, `sequential-${mb}mb.jsonl`, casRegisterHistory({ seed: 1, ops: Math.round(mb * 7500), processes: 1, slack: 0 }));
}

/**
 * Issue 10's checker figures, each through the command line as a user runs it (CPU and
 * wall time of the whole process, peak RSS): a sequential history of 2.5, 5 and 10 MB
 * (goal: linear growth, 10 MB under 3 s), the hard queue history with many crashed
 * enqueues (goal: a verdict, or unknown within the budget, peak RSS under 1 GB), the same
 * with repeated values (no polynomial algorithm: the general search runs into its memory
 * budget), and distinct-value queues of 10^4 and 10^5 ops (goal: under 1 s each).
 * The memory rows also show how peak RSS relates to the bytes the checker accounts.
 */
export function checkerScaling(repoRoot: string, work: string, reps = 3): string {
  const cli = path.join(repoRoot, 'bin', 'lockstep.js');
  const out: string[] = [
    '### Scaling and memory (issue 10), through the command line', '',
    `Median of ${reps} runs (CPU = user + system of the process), peak RSS over the runs; the histories are generated (bench/history-generators.ts).`, '',
    '| history | ops | MB | verdict (algorithm) | CPU ms | wall ms | peak RSS MB | accounted MB | goal | met |',
    '|---|---:|---:|---|---:|---:|---:|---:|---|---|',
  ];
  // met: judged on CPU time (wall time on a shared machine measures the other jobs too)
  const line = (name: string, file: string, ops: number, r: CliRun, goal: string, met?: boolean): void => {
    const mb = fs.statSync(file).size / 2 ** 20;
    const verdict = r.verdict + (r.stoppedBy ? ` (${r.stoppedBy} budget)` : '');
    out.push(`| ${name} | ${ops} | ${fmt(mb, 1)} | ${verdict}, ${r.algorithm} | ${fmt(r.cpuMs)} | ${fmt(r.wallMs)} | ${fmt(r.rssMb)} | ${fmt(r.accountedMb, 1)} | ${goal} | ${met === undefined ? '' : met ? 'yes' : 'NO'} |`);
  };
  const answered = (r: CliRun): boolean => r.verdict === 'linearizable' || r.verdict === 'not-linearizable' || (r.verdict === 'unknown' && r.stoppedBy !== '');
  const seq: CliRun[] = [];
  for (const mb of [2.5, 5, 10]) {
    const file = sequential(work, mb);
    const r = checkCli(cli, 'cas-register', file, reps);
    seq.push(r);
    // linear: each doubling at most 2.2x the CPU (start-up is a constant, so usually less)
    const linear = seq.length < 2 || r.cpuMs <= 2.2 * seq[seq.length - 2]!.cpuMs;
    line(`sequential cas-register, ${mb} MB`, file, Math.round(mb * 7500), r, mb === 10 ? '< 3000 ms, linear' : 'linear', mb === 10 ? r.cpuMs < 3000 && linear : linear);
  }
  const hard = collectionHistory('queue', { seed: 1, ops: 1000, processes: 10, slack: 6, infoRate: 0.5, crashable: (f) => f === 'enqueue' });
  const hardFile = write(work, 'hard-queue.jsonl', hard);
  const hardRun = checkCli(cli, 'queue', hardFile, reps);
  line('hard queue: 1000 ops, half the enqueues crashed, distinct values', hardFile, 1000, hardRun, 'verdict or unknown, RSS < 1024 MB', answered(hardRun) && hardRun.rssMb < 1024);
  // values repeat: outside the polynomial class, so the general search runs until its memory budget
  const repeated = hard.map((o) => ({ ...o, input: o.f === 'enqueue' ? (o.input as number) % 50 : o.input, output: typeof o.output === 'number' ? o.output % 50 : o.output }));
  const repFile = write(work, 'hard-queue-repeated.jsonl', repeated);
  const rep = checkCli(cli, 'queue', repFile, 1, ['--timeout', '45']);
  line('the same with values repeated (x mod 50)', repFile, 1000, rep, 'unknown within budget, RSS < 1024 MB', answered(rep) && rep.rssMb < 1024);
  for (const n of [10_000, 100_000]) {
    const file = write(work, `queue-${n}.jsonl`, collectionHistory('queue', { seed: 2, ops: n, processes: 8, slack: 5, infoRate: 0.02, crashable: (f) => f === 'enqueue' }));
    const r = checkCli(cli, 'queue', file, reps);
    line(`queue with distinct values, ${n} ops`, file, n, r, '< 1000 ms', r.cpuMs < 1000);
  }
  const hardCas = write(work, 'hard-cas.jsonl', casRegisterHistory({ seed: 3, ops: 3000, processes: 30, slack: 30, infoRate: 0.4 }, 400));
  line('cas-register, 30 clients, 40 % crashed, 400 values, --max-memory 64', hardCas, 3000, checkCli(cli, 'cas-register', hardCas, 1, ['--max-memory', '64']), 'memory calibration');
  out.push('', `Growth of the sequential rows: 5 MB / 2.5 MB = ${fmt(seq[1]!.cpuMs / seq[0]!.cpuMs, 2)}x, 10 MB / 5 MB = ${fmt(seq[2]!.cpuMs / seq[1]!.cpuMs, 2)}x CPU ` +
    '(linear = 2x; start-up adds a constant).');
  return out.join('\n') + '\n';
}
