/**
 * End to end over the classic lock zoo: the default strategy (with the CLI's default seed)
 * finds the bug of every buggy variant, every finding replays from its token, and bounded
 * exhaustive search reports every correct variant clean and exhausted.
 */
import { isGeneratorTarget } from '../harness/target/any-target';
import { builtinTargets } from '../targets';
import { explore } from '../harness/explore/explore';
import { decodeReplayToken } from '../harness/explore/replay-token';
import { replayExecution } from '../harness/explore/replay-execution';
import { DEFAULT_SEED } from '../harness/cli/commands/run';
import type { MemoryModelName } from '../harness/memory/memory-model';
import type { Target } from '../harness/target/target';
import { expectationUnder } from '../harness/target/expectation';

const CLASSIC = ['tas', 'ttas', 'ticket', 'mcs', 'clh', 'peterson', 'dekker', 'bakery', 'seqlock', 'rwlock', 'futex-mutex'];
const targets = builtinTargets().filter(isGeneratorTarget).filter((t) => CLASSIC.includes(t.name));
const MEMS: MemoryModelName[] = ['sc', 'tso', 'arm64-lite'];

const cases = (pred: (e: string) => boolean): [string, Target, string, MemoryModelName][] =>
  targets.flatMap((t) => t.variants.flatMap((v) => MEMS.filter((m) => pred(expectationUnder(v, m))).map((m) => [`${t.name}:${v.name} ${m}`, t, v.name, m] as [string, Target, string, MemoryModelName])));

const buggy = cases((e) => e !== 'clean');
const correct = cases((e) => e === 'clean');

if (targets.length === 0) {
  // eslint-disable-next-line no-console
  console.log('e2e-run-classic: no classic targets registered yet, skipping');
}
const describeIf = targets.length > 0 ? describe : describe.skip;

describeIf('lockstep run over the classic zoo', () => {
  it('has buggy and correct variants to check', () => {
    expect(buggy.length).toBeGreaterThan(10);
    expect(correct.length).toBeGreaterThan(10);
  });

  it.each(buggy)('default strategy finds the bug of %s and its replay token reproduces it', async (_n, target, variant, memory) => {
    const r = await explore({ target, variant, memory, strategy: 'default', seed: DEFAULT_SEED, runs: 2000 });
    expect(r.findings.length).toBe(1);
    const f = r.findings[0];
    const again = await replayExecution(target, decodeReplayToken(f.replay));
    expect(again.divergence).toBeUndefined();
    expect(again.outcome.finding?.kind).toBe(f.outcome.finding?.kind);
    expect(again.outcome.finding?.message).toBe(f.outcome.finding?.message);
    expect(again.outcome.steps).toBe(f.outcome.steps);
  });

  it.each(correct)('dfs K=2 with 2 threads x 1 op: %s is clean and exhausted', async (_n, target, variant, memory) => {
    const r = await explore({ target, variant, memory, strategy: 'dfs', seed: 0, preemptions: 2, threads: 2, ops: 1 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBe(r.schedulesPerBound!.reduce((a, b) => a + b, 0));
    expect(r.executions).toBeGreaterThan(1);
  });

  const three = correct.filter(([, t, , m]) => m === 'sc' && t.workload.threads.max >= 3);
  it.each(three)('dfs K=2 with 3 threads x 1 op: %s is clean and exhausted', async (_n, target, variant, memory) => {
    const r = await explore({ target, variant, memory, strategy: 'dfs', seed: 0, preemptions: 2, threads: 3, ops: 1 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
  });
});
