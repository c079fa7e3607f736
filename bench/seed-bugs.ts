import { isGeneratorTarget } from '../harness/target/any-target';
import { explore } from '../harness/explore/explore';
import type { MemoryModelName } from '../harness/memory/memory-model';
import { builtinTargets } from '../targets';
import { expectationUnder } from '../harness/target/expectation';

/** One row of the seed-bug table: a buggy variant under one memory model. */
export interface SeedBugRow {
  readonly name: string;
  readonly memory: MemoryModelName;
  readonly found: number;
  readonly seeds: number;
  readonly medianMs: number;
  readonly medianExecutions: number;
  /** The expected kind and what the first findings were, e.g. `hang 6, violation 4`. */
  readonly expected: string;
  readonly firstKinds: string;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Issue 4's benchmark: for every buggy variant of the kernel seed targets (and the classic zoo),
 * the median wall time and executions to the first finding over `seeds` seeds with the default
 * strategy, capped at `capMs` per seed (a miss counts as the cap and is shown in `found`).
 */
export async function measureSeedBugs(seeds = 10, capMs = 20_000, families?: readonly string[]): Promise<SeedBugRow[]> {
  const rows: SeedBugRow[] = [];
  for (const target of builtinTargets().filter(isGeneratorTarget)) {
    if (families && !families.includes(target.name)) continue;
    for (const variant of target.variants) {
      for (const memory of ['sc', 'tso'] as const) {
        if (expectationUnder(variant, memory) === 'clean') continue;
        // a tso-only bug is measured under tso; a bug present under sc is measured under sc only
        if (memory === 'tso' && variant.expect.sc !== 'clean') continue;
        const times: number[] = [];
        const execs: number[] = [];
        let found = 0;
        const kinds = new Map<string, number>();
        for (let seed = 1; seed <= seeds; seed++) {
          const start = performance.now();
          const result = await explore({
            target, variant: variant.name, memory, strategy: 'default', seed,
            runs: 10_000_000, timeMs: capMs, now: () => performance.now(), traceFindings: false,
          });
          const ms = performance.now() - start;
          if (result.findings.length > 0) {
            found++;
            const kind = result.findings[0].outcome.verdict;
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          }
          times.push(result.findings.length > 0 ? ms : capMs);
          execs.push(result.executions);
        }
        const firstKinds = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
        rows.push({ name: `${target.name}:${variant.name}`, memory, found, seeds, medianMs: median(times), medianExecutions: median(execs), expected: expectationUnder(variant, memory), firstKinds });
      }
    }
  }
  return rows;
}

export function seedBugTable(rows: readonly SeedBugRow[]): string {
  const lines = ['| variant | memory | expected | found (seeds) | first finding (kind x seeds) | median time to first finding | median executions |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.memory} | ${r.expected} | ${r.found}/${r.seeds} | ${r.firstKinds} | ${r.medianMs.toFixed(0)} ms | ${r.medianExecutions} |`);
  }
  return lines.join('\n');
}
