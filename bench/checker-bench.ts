import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Bench } from 'tinybench';
import { checkerScaling } from './checker-scaling';
import { comparePorcupine } from './checker-vs-porcupine';
import { exploreCheckBench } from './explore-check-bench';
import { checkHistory } from '../harness/checker/index';
import type { Operation } from '../harness/history/operation';
import { parseHistory } from '../harness/history/parse-history';

/** Porcupine v1.3.0's in-process check times (Go, one core, median) from issue 3, for the in-process table. */
export const PORCUPINE_REFERENCE_MS = {
  etcdTotal: 404, etcd002: 184, etcd007: 93, c50ok: 147, c50badMax: 32, c10NoPartition: 2400,
} as const;

export interface CheckerBenchOptions {
  /** Folder with expected_verdicts.tsv (default: ../shared/data/porcupine next to the repo, or $LOCKSTEP_PORCUPINE_DATA). */
  readonly dataDir?: string;
  /** Measured iterations per file (default 7; kv-nopartition: 3). */
  readonly iterations?: number;
  /** Include one row per etcd file (default false). */
  readonly perFile?: boolean;
  /** Only the in-process table (tests, quick looks); default false. */
  readonly inProcessOnly?: boolean;
}

interface Item { readonly file: string; readonly spec: string; readonly ops: readonly Operation[]; readonly expected: string }

/** The repository root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function loadItems(dataDir: string): Item[] {
  const rows = fs.readFileSync(path.join(dataDir, 'expected_verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  return rows.filter((c) => c[2] !== '0').map((c) => ({
    file: c[0]!, spec: c[1] === 'etcd' ? 'cas-register' : 'kv',
    ops: parseHistory(fs.readFileSync(path.join(dataDir, c[0]!), 'utf8'), c[0]!).ops,
    expected: c[6] === 'linearizable' ? 'linearizable' : 'not-linearizable',
  }));
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Checker benchmark on Porcupine's test data (issue 3): median time of `checkHistory` per
 * file (parsing excluded), totals, and the ratio to Porcupine's reference figures. Returns
 * a markdown section. Verdicts are verified on the way: a wrong one is reported in the table.
 */
export async function runCheckerBench(options: CheckerBenchOptions = {}): Promise<string> {
  const dataDir = options.dataDir ?? process.env.LOCKSTEP_PORCUPINE_DATA ?? path.resolve(repoRoot(), '..', 'shared', 'data', 'porcupine');
  if (!fs.existsSync(path.join(dataDir, 'expected_verdicts.tsv'))) {
    // without Porcupine's data only the generated histories can be measured
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-checker-bench-'));
    try {
      return `## Checker\n\nPorcupine's data not found at ${dataDir} (set LOCKSTEP_PORCUPINE_DATA): no comparison with Porcupine.\n\n` +
        checkerScaling(repoRoot(), work) + '\n' + (options.inProcessOnly === true ? '' : await exploreCheckBench());
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  const items = loadItems(dataDir);
  const nopart = items.filter((i) => i.file === 'kv/c10-ok.txt' || i.file === 'kv/c10-bad.txt').map((i) => ({ ...i, spec: 'kv-nopartition' }));
  const iterations = options.iterations ?? 7;
  const steps = new Map<string, number>();
  // CPU time per call besides tinybench's wall time: on a loaded machine (CI, other jobs)
  // the process's CPU time is what compares with Porcupine's one-core figures.
  const cpuSamples = new Map<string, number[]>();
  const cpuNow = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const wrong: string[] = [];
  const bench = new Bench({ name: 'checker', time: 0, iterations, warmup: true, warmupIterations: 1, warmupTime: 0 });
  const slow = new Bench({ name: 'checker-nopartition', time: 0, iterations: Math.min(iterations, 3), warmup: false });
  const add = (b: Bench, name: string, it: Item): void => {
    b.add(name, () => {
      const t0 = cpuNow();
      const r = checkHistory(it.spec, it.ops);
      const dt = cpuNow() - t0;
      const xs = cpuSamples.get(name);
      if (xs === undefined) cpuSamples.set(name, []); // the first call is the warm-up: dropped
      else xs.push(dt);
      steps.set(name, r.steps);
      if (r.verdict !== it.expected && !wrong.includes(name)) wrong.push(name);
    });
  };
  for (const it of items) add(bench, it.file, it);
  for (const it of nopart) add(slow, `${it.file} (kv-nopartition)`, it);
  await bench.run();
  await slow.run();
  const median = (b: Bench, name: string): number => {
    const r = b.getTask(name)?.result;
    return r !== undefined && 'latency' in r ? r.latency.p50 ?? r.latency.mean : Number.NaN;
  };
  const cpuMedian = (name: string): number => {
    const xs = [...(cpuSamples.get(name) ?? [])].sort((a, b) => a - b);
    if (xs.length === 0) return Number.NaN;
    const m = xs.length >> 1;
    return xs.length % 2 === 1 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
  };
  const etcd = items.filter((i) => i.file.startsWith('jepsen/'));
  const etcdTotal = etcd.reduce((s, i) => s + median(bench, i.file), 0);
  const etcdCpu = etcd.reduce((s, i) => s + cpuMedian(i.file), 0);
  const ref = PORCUPINE_REFERENCE_MS;
  const row = (what: string, t: number, cpu: number, refMs: number | string, st?: number): string =>
    `| ${what} | ${ms(t)} | ${ms(cpu)} | ${refMs} | ${typeof refMs === 'number' ? (cpu / refMs).toFixed(2) : ''} | ${st ?? ''} |`;
  const line = (b: Bench, name: string, what: string, refMs: number | string): string => row(what, median(b, name), cpuMedian(name), refMs, steps.get(name));
  const lines = [
    '## Checker', '', '### In process: checkHistory on Porcupine\'s data', '',
    `Median of ${iterations} runs per file (tinybench wall time; CPU time of the process beside it), \`checkHistory\` only ` +
      `(parsing excluded), Node ${process.version}. Ratio = CPU ms / Porcupine ms (below 1 = faster).`, '',
    '| history | wall ms | CPU ms | Porcupine ms | ratio | spec steps |', '|---|---:|---:|---:|---:|---:|',
    row('all 102 etcd files (sum of medians)', etcdTotal, etcdCpu, ref.etcdTotal, etcd.reduce((s, i) => s + (steps.get(i.file) ?? 0), 0)),
    line(bench, 'jepsen/etcd_002.log', 'etcd_002', ref.etcd002),
    line(bench, 'jepsen/etcd_007.log', 'etcd_007', ref.etcd007),
  ];
  for (const it of items.filter((i) => i.file.startsWith('kv/'))) {
    const r = it.file === 'kv/c50-ok.txt' ? ref.c50ok : it.file === 'kv/c50-bad.txt' ? ref.c50badMax : '';
    lines.push(line(bench, it.file, it.file, r));
  }
  for (const it of nopart) {
    const name = `${it.file} (kv-nopartition)`;
    lines.push(line(slow, name, name, ref.c10NoPartition));
  }
  lines.push('', wrong.length === 0 ? 'All verdicts as expected.' : `WRONG VERDICTS: ${wrong.join(', ')}`);
  if (options.perFile ?? false) {
    lines.push('', '<details><summary>per etcd file (slowest first)</summary>', '', '| file | wall ms | CPU ms | steps |', '|---|---:|---:|---:|');
    for (const it of [...etcd].sort((a, b) => median(bench, b.file) - median(bench, a.file))) {
      lines.push(`| ${it.file} | ${ms(median(bench, it.file))} | ${ms(cpuMedian(it.file))} | ${steps.get(it.file)} |`);
    }
    lines.push('', '</details>');
  }
  let md = lines.join('\n') + '\n';
  if (options.inProcessOnly === true) return md;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-checker-bench-'));
  try {
    md += '\n' + comparePorcupine(repoRoot(), dataDir, work);
    md += '\n' + checkerScaling(repoRoot(), work);
    md += '\n' + await exploreCheckBench();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return md;
}

if (require.main === module) {
  runCheckerBench().then((md) => process.stdout.write(md), (e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exitCode = 1; });
}
