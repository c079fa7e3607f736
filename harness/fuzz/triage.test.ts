/**
 * The corpus half of patch triage: saved entries are replayed on base and patch the way
 * `lockstep replay` does (corpus/replay-corpus.ts), so an entry whose decisions do not fit a
 * side is reported as stale there (not as "absent"), and one that fails differently as changed.
 * The entries below are real shrunk failures of `lockstep fuzz ticket --memory sc --seed 7`.
 */
import type { CorpusEntry } from '../corpus/corpus-entry';
import { replayEntry } from '../corpus/replay-corpus';
import { formatTriage } from '../cli/commands/triage';
import type { MemoryKnobs } from '../memory/memory-model';
import { runExecution } from '../runtime/execute';
import { builtinTargets } from '../../targets';
import { createFuzzHost } from './default-host';
import { inProcessRunner } from './in-process-runner';
import { runTriage, type TriageOptions, type TriageResult } from './triage';

const ticket = builtinTargets().find((t) => t.name === 'ticket')!;
const KNOBS = { ipiSendIsFence: true, lockAcquireIsFence: true, pvCallIsFence: true, unlockIsFence: false };
const FINDING = {
  kind: 'violation' as const,
  locations: ['op:try-acquire', 'spec:mutex'],
  message: "history is not linearizable (spec 'mutex'): try-acquire by process 1 returned false while the mutex was free",
  signature: 'violation:op:try-acquire|spec:mutex',
};
const common = { formatVersion: 1, target: 'ticket', memory: 'sc' as const, knobs: KNOBS, maxSteps: 2000, harnessVersion: '0.1.0', date: '2026-11-21T06:55:50.383Z' };

/** Found on trylock-check-then-take; its 25 decisions do not fit racy-take's code. */
const TRYLOCK: CorpusEntry = {
  ...common, variant: 'trylock-check-then-take',
  decisions: [2, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
  workload: { ops: [['lock', 'trylock'], ['lock', 'trylock', 'trylock'], ['trylock', 'lock']] },
  finding: { ...FINDING, preemptions: 3 },
  source: { strategy: 'pos', seed: 2517435104, campaignSeed: 7 },
};

/** Found on racy-take; clean on correct. */
const RACY: CorpusEntry = {
  ...common, variant: 'racy-take', decisions: [0, 1, 1, 0],
  workload: { ops: [['lock'], ['lock', 'trylock', 'trylock']] },
  finding: { ...FINDING, preemptions: 2 },
  source: { strategy: 'pos', seed: 1819134430, campaignSeed: 7 },
};

/** RACY as if an older harness had recorded another program point: it fails differently now. */
const RACY_OTHER_POINT: CorpusEntry = {
  ...RACY, finding: { ...RACY.finding, message: 'ticket: owner overtook next', locations: ['ticket: check owner'], signature: 'violation:ticket: check owner' },
};

async function triage(base: string, patch: string, corpus: readonly CorpusEntry[], extra: Partial<TriageOptions> = {}): Promise<TriageResult> {
  const runner = inProcessRunner(createFuzzHost());
  try {
    return await runTriage({
      target: ticket, ref: { kind: 'builtin', name: 'ticket' }, base, patch, memories: ['sc'], seed: 1, runs: 10,
      corpus: corpus.map((entry, i) => ({ path: `entry-${i}.json`, entry })), ...extra,
    }, runner);
  } finally {
    await runner.close();
  }
}

describe('triage of the saved corpus', () => {
  it('uses fixtures that still behave as recorded (else the ticket model changed: re-record them)', async () => {
    expect((await replayEntry(TRYLOCK)).status).toBe('reproduces');
    expect((await replayEntry({ ...TRYLOCK, variant: 'racy-take' })).status).toBe('stale');
    expect((await replayEntry(RACY)).status).toBe('reproduces');
    expect((await replayEntry({ ...RACY, variant: 'correct' })).status).toBe('fixed');
  });

  it('reports an entry whose decisions do not fit the base as stale on base, not as introduced', async () => {
    const r = await triage('racy-take', 'trylock-check-then-take', [TRYLOCK]);
    const rows = r.rows.filter((x) => x.source === 'corpus');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.verdict).toBe('stale');
    expect(rows[0]!.base!.status).toBe('stale');
    expect(rows[0]!.base!.reason).toMatch(/replay diverged at decision \d+ of 25/);
    expect(rows[0]!.patch!.status).toBe('reproduces');
    expect(rows[0]!.patchCount).toBe(1);
    const text = formatTriage(r.rows, 'racy-take', 'trylock-check-then-take', []);
    expect(text).toMatch(/^STALE ON BASE \| sc \| corpus \| stale \| x1 \| violation: /m);
    expect(text).toMatch(/^stale on racy-take \(sc, entry-0\.json\): replay diverged/m);
    expect(text).toMatch(/1 stale corpus entries/);
  });

  it('says which side is stale when the patch is the one the decisions no longer fit', async () => {
    const r = await triage('trylock-check-then-take', 'racy-take', [TRYLOCK]);
    const row = r.rows.find((x) => x.source === 'corpus')!;
    expect(row.verdict).toBe('stale');
    expect(row.patch!.status).toBe('stale');
    expect(formatTriage(r.rows, 'trylock-check-then-take', 'racy-take', [])).toMatch(/^STALE ON PATCH \| sc \| corpus \| x1 \| stale \|/m);
  });

  it('classifies entries that still fail on one side as fixed or introduced, with the failing run', async () => {
    const fixed = await triage('racy-take', 'correct', [RACY]);
    const f = fixed.rows.find((x) => x.source === 'corpus')!;
    expect([f.verdict, f.base!.status, f.patch!.status]).toEqual(['fixed', 'reproduces', 'fixed']);
    const introduced = await triage('correct', 'racy-take', [RACY]);
    const i = introduced.rows.find((x) => x.source === 'corpus')!;
    expect(i.verdict).toBe('introduced');
    expect(i.outcome?.finding?.kind).toBe('violation');
    // the fair continuation after the 4 logged decisions switches threads too: every switch
    // away from a thread that could have continued counts (issue 13 item 5), not only the 2 logged
    expect(i.preemptions).toBe(i.outcome!.preemptions);
    expect(i.preemptions).toBeGreaterThan(2);
  });

  it('counts an entry that fails differently as present, and shows it as changed', async () => {
    const r = await triage('correct', 'racy-take', [RACY_OTHER_POINT]);
    const row = r.rows.find((x) => x.source === 'corpus')!;
    expect(row.verdict).toBe('introduced');
    expect(row.signature).toBe('violation:ticket: check owner');
    expect(row.patch!.status).toBe('changed');
    expect(row.patch!.signature).toBe('violation:spec mutex: try-acquire by process # returned false while the mutex was free');
    const text = formatTriage(r.rows, 'correct', 'racy-take', []);
    expect(text).toMatch(/^INTRODUCED \| sc \| corpus \| - \| changed \|/m);
    expect(text).toMatch(/^changed on racy-take: same kind, other program points/m);
  });

  it('leaves out entries clean on both sides and of other memory models, and skips runaways', async () => {
    const runaway: CorpusEntry = { ...RACY, finding: { ...RACY.finding, kind: 'runaway', locations: [], signature: 'runaway:' } };
    const r = await triage('correct', 'correct', [RACY, { ...RACY, memory: 'tso' }, runaway]);
    expect(r.rows.filter((x) => x.source === 'corpus')).toEqual([]);
    expect(r.replayed).toBe(1);
    expect(r.skipped).toEqual(['entry-2.json']);
    expect(formatTriage(r.rows, 'correct', 'correct', [], r.skipped)).toMatch(/skipped entry-2\.json: a runaway/);
  });

  it("replays each side with that side's variant knobs plus the user's knobs the entry was recorded with", async () => {
    const rv = builtinTargets().find((t) => t.name === 'smp-rendezvous')!;
    // recorded on the unfenced-IPI variant (ipiSendIsFence: false) with a user override unlockIsFence: true
    const entry: CorpusEntry = {
      ...RACY, target: 'smp-rendezvous', variant: 'landed-unfenced-ipi', memory: 'tso', maxSteps: 3000, decisions: [],
      knobs: { ...KNOBS, ipiSendIsFence: false, unlockIsFence: true }, workload: { ops: [['rendezvous'], []] },
    };
    const seen: [string, Readonly<MemoryKnobs> | undefined][] = [];
    await triage('landed', 'landed-unfenced-ipi', [entry], {
      target: rv, ref: { kind: 'builtin', name: 'smp-rendezvous' }, memories: ['tso'], runs: 2,
      replay: { execute: (o) => { seen.push([o.variant, o.knobs]); return runExecution(o); } },
    });
    expect(seen.map(([v, k]) => [v, k?.ipiSendIsFence, k?.unlockIsFence])).toEqual([['landed', true, true], ['landed-unfenced-ipi', false, true]]);
  });
});
