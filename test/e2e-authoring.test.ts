/**
 * The authoring features through the CLI: a workload that violates a target's constraint is
 * rejected by replay (token or corpus entry: exit 2 naming the constraint), `run` takes a
 * variant's workload hint and a spec that follows the workload, `list` says so.
 */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { encodeReplayToken } from '../harness/explore/replay-token';
import { explore } from '../harness/explore/explore';
import { buildCorpusEntry } from '../harness/corpus/build-corpus-entry';
import { saveEntry } from '../harness/corpus/corpus-store';
import { senseBarrierTarget } from '../targets/authoring/sense-barrier';
import { DEFAULT_MEMORY_KNOBS } from '../harness/memory/memory-model';

async function cli(...argv: string[]) {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } } as CliIo & { stdout: string; stderr: string };
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Two rounds for cpu0, one for cpu1: outside the barrier's same-rounds constraint. */
const uneven = { ops: [['await', 'await'], ['await']] };
const CONSTRAINT = "target 'sense-barrier': workload violates constraint 'every thread runs the same number of rounds': operations per thread are 2, 1";

describe('workload constraints in replay', () => {
  it('rejects a token whose workload violates a constraint: exit 2, one line naming it', async () => {
    const token = encodeReplayToken({ target: 'sense-barrier', variant: 'correct', memory: 'sc', knobs: DEFAULT_MEMORY_KNOBS, workload: uneven, decisions: [] });
    const r = await cli('replay', token);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`lockstep: replay: ${CONSTRAINT}`);
  });

  it('lists a corpus entry whose workload violates a constraint as bad input (exit 2), and still replays the others', async () => {
    const found = await explore({ target: senseBarrierTarget, variant: 'no-reversal', memory: 'sc', strategy: 'default', seed: 1, runs: 500 });
    const f = found.findings[0]!;
    const base = { target: 'sense-barrier', variant: 'no-reversal', memory: 'sc' as const, knobs: found.knobs!, maxSteps: found.maxSteps!, outcome: f.outcome, source: { strategy: 'default', seed: 1 }, harnessVersion: '0.1.0', date: '2026-12-06T00:00:00.000Z' };
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-authoring-'));
    mkdirSync(join(dir, 'sense-barrier'));
    saveEntry(dir, buildCorpusEntry({ ...base, workload: found.workload }));
    const bad = saveEntry(dir, buildCorpusEntry({ ...base, workload: uneven })).path;
    const r = await cli('replay', dir);
    expect(r.code).toBe(2);
    expect(`${r.out}${r.err}`).toContain(`${bad}: field "workload": ${CONSTRAINT}`);
    expect(r.out).toMatch(/^REPRODUCES  sense-barrier:no-reversal/m);
  });
});

describe('run and list with hints and a spec from the workload', () => {
  it("run uses the variant's hinted rounds and checks against barrier:N for its threads", async () => {
    const r = await cli('run', 'sense-barrier:no-reversal', '--json', '--no-shrink');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { results: { workload: string[][]; findings: { message: string }[] }[] };
    expect(j.results[0]!.workload).toEqual([['await', 'await'], ['await', 'await']]);
    expect(j.results[0]!.findings[0]!.message).toMatch(/spec 'barrier:2'/);
    const three = await cli('run', 'sense-barrier:no-reversal', '--threads', '3', '--json', '--no-shrink');
    const j3 = JSON.parse(three.out) as typeof j;
    // --threads replaces the hint's thread count but keeps its two rounds
    expect(j3.results[0]!.workload).toEqual([['await', 'await'], ['await', 'await'], ['await', 'await']]);
    expect(j3.results[0]!.findings[0]!.message).toMatch(/spec 'barrier:3'/);
  });

  it('list says the spec depends on the workload; --json shows hints and constraint names', async () => {
    const r = await cli('list');
    expect(r.out).toMatch(/^sense-barrier - .*\n\s+spec \(depends on the workload\);/m);
    const j = JSON.parse((await cli('list', '--json')).out) as { targets: { name: string; workload: { constraints?: { name: string }[] }; variants: { name: string; hint?: unknown }[] }[] };
    const sb = j.targets.find((t) => t.name === 'sense-barrier')!;
    expect(sb.workload.constraints).toEqual([{ name: 'every thread runs the same number of rounds' }]);
    expect(sb.variants.find((v) => v.name === 'no-reversal')!.hint).toEqual({ opsPerThread: 2 });
  });
});


