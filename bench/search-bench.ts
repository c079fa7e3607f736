/**
 * Issue 13 benchmarks (figures, never assertions):
 * - `minimal`: preemptions of the shrunk run of each seed bug before and after the bounded
 *   search for fewer preemptions (fuzz/minimal-search.ts), per seed;
 * - `urw`: CPU time to the first finding of each seed bug per strategy (pos, random, urw,
 *   pct d=3), median over seeds, the strategies interleaved per seed.
 */
import { explore } from '../harness/explore/explore';
import type { StrategyName } from '../harness/explore/explore-options';
import { shrinkFound } from '../harness/fuzz/shrink-finding';
import type { MemoryModelName } from '../harness/memory/memory-model';
import { expectationUnder } from '../harness/target/expectation';
import type { Target } from '../harness/target/target';
import { builtinTargets } from '../targets';
import { isGeneratorTarget } from '../harness/target/any-target';

const SEED_FAMILIES = ['qspinlock', 'pvqspinlock', 'smp-rendezvous', 'futex-requeue-pi', 'perf-install'];

/** The seed bugs: buggy variants of the kernel families, under sc when buggy there, else tso. */
function seedBugs(): { target: Target; variant: string; memory: MemoryModelName }[] {
  const out: { target: Target; variant: string; memory: MemoryModelName }[] = [];
  for (const target of builtinTargets().filter(isGeneratorTarget)) {
    if (!SEED_FAMILIES.includes(target.name)) continue;
    for (const v of target.variants) {
      const memory: MemoryModelName | undefined = expectationUnder(v, 'sc') !== 'clean' ? 'sc' : expectationUnder(v, 'tso') !== 'clean' ? 'tso' : undefined;
      if (memory !== undefined) out.push({ target, variant: v.name, memory });
    }
  }
  return out;
}

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Preemptions found / after the joint shrink / after the minimal search, per seed. */
export async function runMinimalBench(seeds = 3, runs = 20_000): Promise<string> {
  const lines = [
    `## Minimal by construction (issue 13 item 1): preemptions of each seed bug's shown run, seeds 1..${seeds}`, '',
    'found = the raw failing run (default strategy, at most 20,000 executions); shrunk = after the joint shrink alone; minimal = after the bounded DFS search (budget 2,000 executions); * = proved minimal', '',
    '| seed bug | found | shrunk | minimal | search executions |', '|---|---|---|---|---|',
  ];
  for (const { target, variant, memory } of seedBugs()) {
    const found: string[] = [], shrunk: string[] = [], minimal: string[] = [], spent: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const r = await explore({ target, variant, memory, strategy: 'default', seed, runs, traceFindings: false });
      const f = r.findings[0];
      if (f === undefined) { found.push('-'); shrunk.push('-'); minimal.push('-'); continue; }
      const base = { target, variant, memory, workload: f.workload, outcome: f.outcome, maxSteps: r.maxSteps ?? 2000, strategy: 'default', seed, execution: f.execution };
      const before = await shrinkFound(base, { minimalBudget: 0 });
      const after = await shrinkFound(base);
      found.push(String(f.outcome.preemptions));
      shrunk.push(String(before.run.preemptions));
      minimal.push(`${after.run.preemptions}${after.minimal?.proved ? '*' : ''}`);
      spent.push(after.minimal?.executions ?? 0);
    }
    lines.push(`| ${target.name}:${variant}@${memory} | ${found.join(' ')} | ${shrunk.join(' ')} | ${minimal.join(' ')} | ${spent.join(' ')} |`);
  }
  return lines.join('\n');
}

/** CPU ms to the first finding per strategy and seed (capped). */
export async function runUrwBench(seeds = 5, capMs = 4000, only?: readonly string[]): Promise<string> {
  const strategies: StrategyName[] = ['pos', 'random', 'urw', 'pct'];
  const lines = [
    `## URW against the other strategies (issue 13 item 4): CPU time to the first finding of each seed bug, median over seeds 1..${seeds} (cap ${capMs / 1000} s CPU; misses count as the cap)`, '',
    `load average at start: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}; strategies interleaved per seed; pct = PCT d=3; in brackets: found/seeds, range`, '',
    `| seed bug | ${strategies.join(' | ')} |`, `|---|${strategies.map(() => '---').join('|')}|`,
  ];
  for (const { target, variant, memory } of seedBugs()) {
    if (only !== undefined && !only.includes(`${target.name}:${variant}`)) continue;
    const ms = new Map<StrategyName, number[]>(strategies.map((s) => [s, []]));
    const hits = new Map<StrategyName, number>(strategies.map((s) => [s, 0]));
    for (let seed = 1; seed <= seeds; seed++) {
      // rotate the order per seed so no strategy always runs first (warm JIT, machine load)
      const order = strategies.map((_, i) => strategies[(i + seed) % strategies.length]!);
      for (const s of order) {
        const c0 = cpuMs();
        const r = await explore({
          target, variant, memory, strategy: s, seed, runs: 10_000_000, traceFindings: false,
          ...(s === 'pct' ? { preemptions: 3 } : {}), timeMs: capMs, now: () => cpuMs() - c0,
        });
        const t = cpuMs() - c0;
        const hit = r.findings.length > 0;
        if (hit) hits.set(s, hits.get(s)! + 1);
        ms.get(s)!.push(hit ? t : capMs);
      }
    }
    const cell = (s: StrategyName): string => {
      const xs = ms.get(s)!;
      return `${median(xs).toFixed(0)} ms (${hits.get(s)}/${seeds}, ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
    };
    lines.push(`| ${target.name}:${variant}@${memory} | ${strategies.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}
