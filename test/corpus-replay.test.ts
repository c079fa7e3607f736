/**
 * Corpus replay (issue 5 "Corpus"): every committed entry under corpus/ must still show its
 * recorded finding; and replay itself is tested on entries made here from real explorations
 * (reproduces, fixed, changed, stale by target/variant/divergence, HAND_OVER-terminated logs)
 * and through `lockstep replay`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCorpusEntry } from '../harness/corpus/build-corpus-entry';
import type { CorpusEntry } from '../harness/corpus/corpus-entry';
import { listEntryFiles, saveEntry } from '../harness/corpus/corpus-store';
import { replayEntry, replayPath } from '../harness/corpus/replay-corpus';
import { explore } from '../harness/explore/explore';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { HAND_OVER } from '../harness/strategy/strategy';
import { runExecution } from '../harness/runtime/execute';
import type { ExecutionOptions } from '../harness/runtime/execution-options';
import type { ExecutionOutcome } from '../harness/runtime/outcome';
import { builtinTargets } from '../targets';
import { toChromeTrace } from '../harness/report/chrome-trace';
import { chromeTraceProblems } from '../harness/report/chrome-trace-check';

const CORPUS = path.join(__dirname, '..', 'corpus');

function committedEntries(): string[] {
  return fs.existsSync(CORPUS) ? listEntryFiles(CORPUS) : [];
}

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-replay-'));
}

/** A real finding of a buggy classic variant, saved as the fuzzer would save it. */
async function exploredEntry(target: string, variant: string, memory: 'sc' | 'tso'): Promise<CorpusEntry> {
  const t = builtinTargets().find((x) => x.name === target)!;
  const r = await explore({ target: t, variant, memory, strategy: 'default', seed: 1, runs: 2000 });
  const f = r.findings[0];
  if (!f) throw new Error(`${target}:${variant} (${memory}) found nothing in 2000 runs`);
  return buildCorpusEntry({
    target, variant, memory, knobs: r.knobs!, workload: r.workload, maxSteps: r.maxSteps!,
    outcome: f.outcome, source: { strategy: r.strategyName ?? 'default', seed: 1 },
    harnessVersion: '0.1.0', date: '2026-11-21T06:00:00.000Z',
  });
}

/** A log that never preempts (0 = keep the current thread) for the whole run: a serial schedule. */
function serial(e: CorpusEntry): number[] {
  return new Array<number>(e.maxSteps).fill(0);
}

describe('committed corpus', () => {
  const files = committedEntries();
  if (files.length === 0) {
    test('corpus/ holds no entries yet', () => {
      console.log(`corpus replay: no committed entries under ${CORPUS}; only the entries made by this test are replayed`);
      expect(committedEntries()).toEqual([]);
    });
  } else {
    test.each(files.map((f) => [path.relative(CORPUS, f), f]))('%s still shows its recorded finding, and its Chrome trace is drawable', async (_name, file) => {
      const [r] = await replayPath(file);
      expect(r).toBeDefined();
      expect({ status: r!.status, reason: r!.reason }).toEqual({ status: 'reproduces', reason: expect.any(String) });
      expect(r!.signature).toBe(r!.recorded);
      // the trace.json a report would export for it (tso histories overlap within a thread)
      const o = r!.outcome!;
      expect(chromeTraceProblems(toChromeTrace({ title: 't', threadNames: o.threadNames, trace: o.trace ?? [], history: o.history, finding: 'f' }))).toEqual([]);
    });
  }
});

describe('replayEntry / replayPath', () => {
  let buggy: CorpusEntry;
  beforeAll(async () => { buggy = await exploredEntry('ticket', 'racy-take', 'sc'); });

  test('a real finding of a buggy variant reproduces, with the same signature', async () => {
    const r = await replayEntry(buggy);
    expect(r.status).toBe('reproduces');
    expect(r.signature).toBe(buggy.finding.signature);
    expect(r.outcome?.finding?.kind).toBe('violation');
    expect(r.outcome?.trace?.length).toBeGreaterThan(0);
  });

  test('a log ending in HAND_OVER (as the fuzzer records it) replays the same', async () => {
    const r = await replayEntry({ ...buggy, decisions: [...buggy.decisions, HAND_OVER] });
    expect(r.status).toBe('reproduces');
    // garbage after the marker is never read
    expect((await replayEntry({ ...buggy, decisions: [...buggy.decisions, HAND_OVER, 999, 999] })).status).toBe('reproduces');
  });

  test('a schedule without preemptions is clean now: fixed', async () => {
    const r = await replayEntry({ ...buggy, decisions: serial(buggy) });
    expect(r.status).toBe('fixed');
    expect(r.outcome?.finding).toBeUndefined();
    expect(r.reason).toMatch(/clean now/);
  });

  test('another kind than recorded: changed', async () => {
    const r = await replayEntry({ ...buggy, finding: { ...buggy.finding, kind: 'deadlock', signature: 'deadlock:futex: futex_wait', locations: ['futex: futex_wait'] } });
    expect(r.status).toBe('changed');
    expect(r.reason).toMatch(/now a violation instead of a deadlock/);
  });

  test('gone target, gone variant, unknown operation, diverging decisions: stale, not a crash', async () => {
    expect(await replayEntry({ ...buggy, target: 'no-such-lock' })).toMatchObject({ status: 'stale', reason: expect.stringMatching(/target 'no-such-lock' no longer exists/) });
    expect(await replayEntry({ ...buggy, variant: 'made-up' })).toMatchObject({ status: 'stale', reason: expect.stringMatching(/no variant 'made-up'/) });
    expect(await replayEntry({ ...buggy, workload: { ops: [['lock'], ['frobnicate']] } })).toMatchObject({ status: 'stale', reason: expect.stringMatching(/thread 1 performs 'frobnicate'/) });
    const d = await replayEntry({ ...buggy, decisions: [0, 0, 77, ...buggy.decisions] });
    expect(d.status).toBe('stale');
    expect(d.divergence).toMatchObject({ index: 2, recorded: 77 });
    expect(d.reason).toMatch(/diverged at decision 2 of/);
  });

  test('the recorded step bound and fair window are what the replay runs with', async () => {
    const seen: { maxSteps?: number; fairWindow?: number }[] = [];
    const execute = (o: ExecutionOptions): ExecutionOutcome => {
      seen.push({ maxSteps: o.maxSteps, fairWindow: o.fairWindow });
      return runExecution(o);
    };
    expect((await replayEntry({ ...buggy, fairWindow: 333 }, { execute })).status).toBe('reproduces');
    expect((await replayEntry(buggy, { execute })).status).toBe('reproduces');
    expect(seen).toEqual([{ maxSteps: buggy.maxSteps, fairWindow: 333 }, { maxSteps: buggy.maxSteps, fairWindow: undefined }]);
  });

  test('a runaway entry is skipped (never run in-process)', async () => {
    expect((await replayEntry({ ...buggy, finding: { ...buggy.finding, kind: 'runaway' } })).status).toBe('skipped');
  });

  test('replayPath walks a directory and replays each content hash once', async () => {
    const dir = tmpDir();
    saveEntry(path.join(dir, 'corpus'), buggy);
    const fixed = { ...buggy, decisions: serial(buggy) };
    saveEntry(path.join(dir, 'corpus'), fixed);
    saveEntry(path.join(dir, 'corpus'), { ...buggy, variant: 'made-up' });
    // the same entry again as a report's repro.json
    fs.mkdirSync(path.join(dir, 'findings', 'x'), { recursive: true });
    fs.copyFileSync(listEntryFiles(path.join(dir, 'corpus'))[0]!, path.join(dir, 'findings', 'x', 'repro.json'));
    const rs = await replayPath(dir);
    expect(rs.map((r) => r.status).sort()).toEqual(['fixed', 'reproduces', 'stale']);
    expect(rs.every((r) => r.path !== undefined && fs.existsSync(r.path))).toBe(true);
  });
});

describe('lockstep replay with corpus entries', () => {
  let buggy: CorpusEntry;
  beforeAll(async () => { buggy = await exploredEntry('tas', 'check-then-set', 'sc'); });

  test('one entry: a line, the interleaving table, exit 1', async () => {
    const dir = tmpDir();
    const { path: file } = saveEntry(dir, buggy);
    const io = captureIo();
    expect(await main(['replay', file], io)).toBe(1);
    expect(io.stdout).toMatch(/^REPRODUCES\s+tas:check-then-set \(sc\)/);
    expect(io.stdout).toContain(file);
    expect(io.stdout).toMatch(/1 entry: 1 reproduces/);
    expect(io.stdout.split('\n').length).toBeGreaterThan(6); // the table follows
  });

  test('a directory: one line per entry; exit 4 when something is stale and nothing fails', async () => {
    const dir = tmpDir();
    saveEntry(dir, { ...buggy, decisions: serial(buggy) });
    saveEntry(dir, { ...buggy, decisions: [5, 5, 5, 5] });
    const io = captureIo();
    expect(await main(['replay', dir], io)).toBe(4);
    expect(io.stdout).toMatch(/^FIXED/m);
    expect(io.stdout).toMatch(/^STALE .*diverged at decision 0/m);
    expect(io.stdout).toMatch(/2 entries: 1 fixed, 1 stale/);
    saveEntry(dir, buggy);
    const io2 = captureIo();
    expect(await main(['replay', dir, '--json'], io2)).toBe(1);
    expect((JSON.parse(io2.stdout) as { status: string }[]).map((r) => r.status).sort()).toEqual(['fixed', 'reproduces', 'stale']);
  });

  test('malformed JSON or an unknown format version: exit 2 naming the file', async () => {
    const dir = tmpDir();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"formatVersion": 1, "target": ');
    let io = captureIo();
    expect(await main(['replay', bad], io)).toBe(2);
    expect(io.stderr).toContain(bad);
    expect(io.stderr).toMatch(/not valid JSON/);
    expect(io.stderr).not.toMatch(/\n\s+at /);
    const newer = path.join(dir, 'newer.json');
    fs.writeFileSync(newer, JSON.stringify({ ...buggy, formatVersion: 99 }));
    io = captureIo();
    expect(await main(['replay', dir], io)).toBe(2);
    expect(io.stderr).toMatch(/bad\.json|newer\.json/);
    io = captureIo();
    expect(await main(['replay', newer], io)).toBe(2);
    expect(io.stderr).toContain(newer);
    expect(io.stderr).toMatch(/format 99 .*reads up to 1/);
    io = captureIo();
    expect(await main(['replay', tmpDir()], io)).toBe(2);
    expect(io.stderr).toMatch(/no corpus entries/);
  });
});

describe('entries saved by lockstep fuzz', () => {
  test('every entry a seeded campaign saves replays as reproducing (HAND_OVER-terminated logs included)', async () => {
    const dir = tmpDir();
    const io = captureIo();
    const code = await main(['fuzz', 'tas:check-then-set', 'mcs:no-wait-for-successor', 'futex-mutex:no-wake', '--runs', '150', '--seed', '3', '--workers', '1',
      '--out', path.join(dir, 'out'), '--corpus', path.join(dir, 'corpus')], io);
    expect(code).toBe(1);
    const results = await replayPath(path.join(dir, 'corpus'));
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => r.status !== 'reproduces').map((r) => `${r.path}: ${r.status}: ${r.reason}`)).toEqual([]);
    // the report dir (repro.json files) and the corpus hold the same entries: each replays once
    const viaOut = await replayPath(dir);
    expect(new Set(viaOut.map((r) => r.entry.finding.signature + r.entry.variant + r.entry.memory)).size).toBe(viaOut.length);
  });
});
