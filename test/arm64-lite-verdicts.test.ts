/**
 * Every built-in variant's verdict under arm64-lite (issue 13 item 6): a variant expected to
 * show a bug shows that kind of bug with the default strategy and a fixed seed, and its finding
 * replays from its token; a variant expected clean shows nothing in a fixed number of runs
 * (the classic zoo's clean variants are also exhausted by bounded DFS in e2e-run-classic).
 * The expectation is the variant's own or, when it states none, its tso one
 * (harness/target/expectation.ts). Longer runs of every variant: `npm run bench -- weak`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinTargets } from '../targets';
import { isGeneratorTarget } from '../harness/target/any-target';
import { explore } from '../harness/explore/explore';
import { decodeReplayToken } from '../harness/explore/replay-token';
import { replayExecution } from '../harness/explore/replay-execution';
import { expectationUnder } from '../harness/target/expectation';
import type { Target, VariantSpec, Workload } from '../harness/target/target';

/**
 * Seeds tried in order for a buggy variant (default 1, 2, 3). The two pvqspinlock bugs below
 * take thousands of runs under every model; these seeds find them early (a scan of seeds
 * 1-12 with npm run bench's explore settings; a change of the default strategy re-picks them).
 */
const SEEDS: Record<string, readonly number[]> = { 'pvqspinlock:v4.7-two-locks': [4], 'pvqspinlock:v4.8-blind-wait': [8, 7] };

/** Runs per variant: expected-clean variants get this many, buggy ones stop at their first finding. */
const RUNS: Record<string, number> = { qspinlock: 300, pvqspinlock: 300, 'smp-rendezvous': 300, 'futex-requeue-pi': 300, 'perf-install': 300 };
const CLASSIC_RUNS = 300;

/** Where the default workload lets another bug of the same variant show first, the workload that isolates the expected one. */
const WORKLOAD: Record<string, Workload> = {
  // the argument use-after-free (I3) of these variants is found before the hang; without a teardown argument only the hang remains
  'smp-rendezvous:original': { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] },
  'smp-rendezvous:gapon-a': { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] },
  'smp-rendezvous:generation-late-snapshot': { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] },
  'smp-rendezvous:landed-no-final-wait': { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] },
  'smp-rendezvous:landed-unfenced-ipi': { ops: [['rendezvous-null-teardown', 'rendezvous-null-teardown'], []] },
};

const cases: [string, Target, VariantSpec][] = builtinTargets().filter(isGeneratorTarget).flatMap((t) => t.variants.map((v) => [`${t.name}:${v.name}`, t, v] as [string, Target, VariantSpec]));

/** Rows of the README's verdict table: variant ids -> "sc | tso | arm64-lite" (bold marks dropped). */
function readmeVerdicts(): Map<string, string> {
  const text = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const lines = text.slice(text.indexOf('<!-- verdict-table -->')).split('\n').slice(3);
  const out = new Map<string, string>();
  for (const line of lines) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/\*\*/g, ''));
    for (const id of cells[0].split(',').map((x) => x.trim())) {
      if (out.has(id)) throw new Error(`README verdict table lists ${id} twice`);
      out.set(id, cells.slice(1).join(' | '));
    }
  }
  return out;
}

describe('verdicts under arm64-lite', () => {
  it('the README table states every variant\'s sc / tso / arm64-lite expectation, each variant once', () => {
    const table = readmeVerdicts();
    const actual = new Map(cases.map(([id, , v]) => [id, (['sc', 'tso', 'arm64-lite'] as const).map((m) => expectationUnder(v, m)).join(' | ')]));
    expect(Object.fromEntries([...table].sort())).toEqual(Object.fromEntries([...actual].sort()));
  });

  it('covers every built-in variant', () => {
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases)('%s', async (id, target, v) => {
    const expected = expectationUnder(v, 'arm64-lite');
    const runs = RUNS[target.name] ?? CLASSIC_RUNS;
    const workload = WORKLOAD[id];
    if (expected === 'clean') {
      const r = await explore({ target, variant: v.name, memory: 'arm64-lite', strategy: 'default', seed: 1, runs, ...(workload ? { workload } : {}) });
      expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
      expect(r.executions).toBe(runs);
      return;
    }
    let found: Awaited<ReturnType<typeof explore>>['findings'][number] | undefined;
    for (const seed of SEEDS[id] ?? [1, 2, 3]) {
      const r = await explore({ target, variant: v.name, memory: 'arm64-lite', strategy: 'default', seed, runs: 20_000, traceFindings: false, ...(workload ? { workload } : {}) });
      found = r.findings[0];
      if (found?.outcome.verdict === expected) break;
    }
    expect(found?.outcome.verdict).toBe(expected);
    const again = await replayExecution(target, decodeReplayToken(found!.replay));
    expect(again.divergence).toBeUndefined();
    expect(again.outcome.finding?.message).toBe(found!.outcome.finding?.message);
  });
});
