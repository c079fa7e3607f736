import { isGeneratorTarget } from '../harness/target/any-target';
import { explore } from '../harness/explore/explore';
import { expectationUnder, statesExpectation } from '../harness/target/expectation';
import { builtinTargets } from '../targets';

/** One variant under arm64-lite: what tso expects, what arm64-lite expects, what was found. */
export interface WeakVerdictRow {
  readonly id: string;
  readonly tso: string;
  readonly expected: string;
  /** The expectation is the variant's own (not the "same as tso" fallback). */
  readonly stated: boolean;
  /** Kinds of the first finding per seed, e.g. `violation 3`; `clean` when none. */
  readonly found: string;
  readonly seedsFound: number;
  readonly seeds: number;
  readonly medianExecutions: number;
  /** Message of the first finding of the first seed that found one. */
  readonly message: string;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Every built-in variant under arm64-lite with the default strategy: `seeds` seeds of at most
 * `runs` executions (stopping at the first finding). The verdict table of docs/memory-models.md
 * and the README is this output; expectations are asserted by the tests, not here.
 */
export async function measureWeakVerdicts(seeds = 3, runs = 20_000, families?: readonly string[]): Promise<WeakVerdictRow[]> {
  const rows: WeakVerdictRow[] = [];
  for (const target of builtinTargets().filter(isGeneratorTarget)) {
    if (families && !families.includes(target.name)) continue;
    for (const variant of target.variants) {
      const kinds = new Map<string, number>();
      const execs: number[] = [];
      let message = '';
      let seedsFound = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const r = await explore({ target, variant: variant.name, memory: 'arm64-lite', strategy: 'default', seed, runs, traceFindings: false });
        execs.push(r.executions);
        const f = r.findings[0];
        if (f !== undefined) {
          seedsFound++;
          kinds.set(f.outcome.verdict, (kinds.get(f.outcome.verdict) ?? 0) + 1);
          if (message === '') message = f.outcome.finding?.message ?? '';
        }
      }
      rows.push({
        id: `${target.name}:${variant.name}`,
        tso: expectationUnder(variant, 'tso'),
        expected: expectationUnder(variant, 'arm64-lite'),
        stated: statesExpectation(variant, 'arm64-lite'),
        found: kinds.size === 0 ? 'clean' : [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', '),
        seedsFound,
        seeds,
        medianExecutions: median(execs),
        message,
      });
    }
  }
  return rows;
}

export function weakVerdictTable(rows: readonly WeakVerdictRow[]): string {
  const lines = ['| variant | tso | arm64-lite expected | found under arm64-lite (seeds) | median executions | first finding |', '|---|---|---|---|---:|---|'];
  for (const r of rows) {
    const exp = `${r.expected}${r.stated ? '' : ' (= tso)'}${r.expected !== r.tso ? ' **changed**' : ''}`;
    lines.push(`| ${r.id} | ${r.tso} | ${exp} | ${r.found} (${r.seedsFound}/${r.seeds}) | ${r.medianExecutions} | ${r.message.replace(/\|/g, '\\|').slice(0, 120)} |`);
  }
  return lines.join('\n');
}
