import { explore } from '../harness/explore/explore';
import type { MemoryModelName } from '../harness/memory/memory-model';
import { expectationUnder } from '../harness/target/expectation';
import type { Target } from '../harness/target/target';
import { builtinTargets } from '../targets';

/** One exhaustive exploration, plain or reduced, measured in CPU time of this process. */
export interface PorSample {
  readonly schedules: number;
  readonly exhausted: boolean;
  readonly findings: number;
  readonly cpuMs: number;
}

/** A (target, variant, memory) cell: plain and reduced dfs at bound K, `reps` interleaved repetitions each. */
export interface PorRow {
  readonly id: string;
  readonly memory: MemoryModelName;
  readonly k: number;
  readonly workload: string;
  readonly plain: readonly PorSample[];
  readonly reduced: readonly PorSample[];
}

const cpuNowMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** `cpuNowMs` for the budget check between executions, read every 256th call (process.cpuUsage costs more than a small execution). */
function coarseCpuClock(): () => number {
  let calls = 0;
  let last = cpuNowMs();
  return () => {
    if ((++calls & 255) === 0) last = cpuNowMs();
    return last;
  };
}

async function sample(target: Target, variant: string, memory: MemoryModelName, k: number, threads: number | undefined, reduction: boolean, budgetMs: number): Promise<PorSample & { workload: string }> {
  const c0 = cpuNowMs();
  // the budget clock is this process's CPU time: a loaded machine does not cut runs short
  const r = await explore({ target, variant, memory, strategy: 'dfs', seed: 1, preemptions: k, ...(threads !== undefined ? { threads } : {}), reduction, runs: 50_000_000, timeMs: budgetMs, now: coarseCpuClock(), stopAtFirst: true, traceFindings: false });
  return { schedules: r.executions, exhausted: r.exhausted, findings: r.findings.length, cpuMs: cpuNowMs() - c0, workload: r.workload.ops.map((o) => o.join(' ')).join(' / ') };
}

/** The cells of the issue-13 goal: every correct classic variant (3 threads where the target allows), qspinlock native and pvqspinlock v4.8. */
export function porCells(memories: readonly MemoryModelName[] = ['sc', 'tso']): { target: Target; variant: string; memory: MemoryModelName; threads: number | undefined }[] {
  const cells: { target: Target; variant: string; memory: MemoryModelName; threads: number | undefined }[] = [];
  const classic = ['tas', 'ttas', 'ticket', 'mcs', 'clh', 'peterson', 'dekker', 'bakery', 'seqlock', 'rwlock', 'futex-mutex'];
  for (const memory of memories) {
    for (const t of builtinTargets()) {
      if (!('setup' in t)) continue;
      const target = t as Target;
      if (classic.includes(target.name)) {
        for (const v of target.variants) {
          if (expectationUnder(v, memory) !== 'clean') continue;
          cells.push({ target, variant: v.name, memory, threads: Math.min(3, target.workload.threads.max) });
        }
      } else if (target.name === 'qspinlock') cells.push({ target, variant: 'native', memory, threads: undefined });
      else if (target.name === 'pvqspinlock') cells.push({ target, variant: 'v4.8', memory, threads: undefined });
    }
  }
  return cells;
}

/**
 * Plain vs reduced bounded dfs at K on every cell: schedules and CPU time, the two interleaved
 * per repetition (plain, reduced, plain, reduced, ...) so that load changes hit both alike.
 * Each exploration stops at `budgetMs` of CPU (then not exhausted: the row says so).
 */
export async function measurePor(k = 3, reps = 1, budgetMs = 120_000, filter?: (id: string) => boolean, memories?: readonly MemoryModelName[]): Promise<PorRow[]> {
  const rows: PorRow[] = [];
  for (const c of porCells(memories)) {
    const id = `${c.target.name}:${c.variant}`;
    if (filter !== undefined && !filter(id)) continue;
    const plain: PorSample[] = [];
    const reduced: PorSample[] = [];
    let workload = '';
    for (let r = 0; r < reps; r++) {
      const p = await sample(c.target, c.variant, c.memory, k, c.threads, false, budgetMs);
      const q = await sample(c.target, c.variant, c.memory, k, c.threads, true, budgetMs);
      workload = p.workload;
      plain.push(p);
      reduced.push(q);
    }
    rows.push({ id, memory: c.memory, k, workload, plain, reduced });
  }
  return rows;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function cpu(samples: readonly PorSample[]): string {
  const xs = samples.map((s) => s.cpuMs / 1000);
  const m = median(xs).toFixed(1);
  return xs.length > 1 ? `${m} s (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})` : `${m} s`;
}

function schedules(s: PorSample): string {
  return `${s.schedules.toLocaleString('en-US')}${s.exhausted ? '' : ' (budget, not exhausted)'}${s.findings > 0 ? ' FINDING' : ''}`;
}

/** The markdown table of `measurePor` rows. */
export function porTable(rows: readonly PorRow[]): string {
  const lines = [
    '| cell | memory | workload | schedules plain | schedules POR | ratio | CPU plain | CPU POR |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const p = r.plain[0];
    const q = r.reduced[0];
    const ratio = p.exhausted && q.exhausted && q.schedules > 0 ? `${(p.schedules / q.schedules).toFixed(1)}x` : '-';
    lines.push(`| ${r.id} | ${r.memory} | ${r.workload} | ${schedules(p)} | ${schedules(q)} | ${ratio} | ${cpu(r.plain)} | ${cpu(r.reduced)} |`);
  }
  return lines.join('\n');
}
