/** The list / run / replay commands in-process: exit codes, messages, JSON, determinism, replay. */
import { isGeneratorTarget } from '../harness/target/any-target';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { builtinTargets } from '../targets';
import { decodeReplayToken, encodeReplayToken } from '../harness/explore/replay-token';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

const ticket = builtinTargets().filter(isGeneratorTarget).find((t) => t.name === 'ticket');
/** A buggy ticket variant (under both models) and the fixed one: names are the classic engineer's. */
const BUGGY = ticket?.variants.find((v) => v.expect.sc !== 'clean' && v.expect.tso !== 'clean')?.name ?? 'none';
const FIXED = ticket?.variants.find((v) => v.expect.sc === 'clean' && v.expect.tso === 'clean')?.name ?? 'none';
const haveTicket = ticket !== undefined && BUGGY !== 'none' && FIXED !== 'none';
const describeIf = haveTicket ? describe : describe.skip;
if (!haveTicket) console.log('e2e-run-cli: ticket target (with a buggy and a fixed variant) not registered yet, skipping');

describeIf('lockstep list', () => {
  it('lists every target and variant with expectations per memory model', async () => {
    const r = await cli('list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ticket - /m);
    expect(r.out).toMatch(/ticket:correct\s+sc: clean\s+tso: clean/);
    for (const t of builtinTargets().filter(isGeneratorTarget)) for (const v of t.variants) expect(r.out).toContain(`${t.name}:${v.name}`);
  });

  it('--json is machine-readable', async () => {
    const r = await cli('list', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { targets: { name: string; variants: { id: string; expect: Record<string, string> }[] }[] };
    const ticket = j.targets.find((t) => t.name === 'ticket')!;
    expect(ticket.variants.find((v) => v.id === `ticket:${FIXED}`)!.expect).toEqual({ sc: 'clean', tso: 'clean', 'arm64-lite': 'clean' });
    expect(j.targets.length).toBe(builtinTargets().length);
  });
});

describeIf('lockstep run', () => {
  it('exit 2 with the valid names for an unknown target or variant', async () => {
    const a = await cli('run', 'no-such-lock');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown target 'no-such-lock'. Valid targets: .*ticket.*mcs/);
    expect(a.err).not.toMatch(/\n\s+at /);
    const b = await cli('run', 'ticket:nope');
    expect(b.code).toBe(2);
    expect(b.err).toContain(`Valid: ${ticket!.variants.map((v) => `ticket:${v.name}`).join(', ')}`);
  });

  it.each([
    [['--runs', 'abc'], /--runs: expected an integer >= 1, got 'abc'/],
    [['--runs', '0'], /--runs: expected an integer >= 1/],
    [['--seed', '-3'], /--seed: expected an integer >= 0/],
    [['--time', 'soon'], /--time: expected a positive number/],
    [['--memory', 'arm'], /--memory: expected one of sc, tso, arm64-lite, got 'arm'/],
    [['--strategy', 'magic'], /--strategy: expected one of default, random, pct, dfs, pos/],
    [['--threads', '9'], /--threads 9: target 'ticket' supports 2\.\.4 threads|--threads: expected an integer/],
    [['--ops', '1.5'], /--ops: expected an integer/],
    [['--preemptions', 'x'], /--preemptions: expected an integer/],
    [['--por'], /--por: partial-order reduction is a mode of --strategy dfs \(got --strategy default\)/],
  ])('exit 2 naming the flag for %j', async (flags, msg) => {
    const r = await cli('run', `ticket:${FIXED}`, ...(flags as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg as RegExp);
  });

  it('exit 1 on a bug: finding, interleaving table and replay command', async () => {
    const r = await cli('run', `ticket:${BUGGY}`, '--memory', 'tso');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/seed 24301 \(default\)/);
    expect(r.out).toMatch(/BUG FOUND: (violation|deadlock)/);
    expect(r.out).toMatch(/step \| cpu0/);
    expect(r.out).toMatch(/replay: npx lockstep replay ls1\.[A-Za-z0-9_-]+/);
  });

  it('exit 0 when clean; dfs reports exhaustion and schedule counts', async () => {
    const r = await cli('run', `ticket:${FIXED}`, '--strategy', 'dfs', '--preemptions', '2', '--threads', '2', '--ops', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out).results[0];
    expect(j).toMatchObject({ target: 'ticket', variant: FIXED, memory: 'sc', strategy: 'dfs', exhausted: true, findings: [] });
    expect(j.executions).toBe(j.schedulesPerBound.reduce((a: number, b: number) => a + b, 0));
  });

  it('dfs --por: same verdicts in fewer schedules (sc and tso); the bug is still found; arm64-lite says it ran plain dfs', async () => {
    for (const memory of ['sc', 'tso']) {
      const args = ['run', `ticket:${FIXED}`, '--strategy', 'dfs', '--preemptions', '2', '--threads', '2', '--ops', '2', '--memory', memory, '--json'];
      const plain = JSON.parse((await cli(...args)).out).results[0];
      const r = await cli(...args, '--por');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out).results[0];
      expect(j).toMatchObject({ exhausted: true, findings: [], reduction: { used: true } });
      expect(j.executions).toBeLessThan(plain.executions);
    }
    const bug = await cli('run', `ticket:${BUGGY}`, '--strategy', 'dfs', '--preemptions', '2', '--threads', '2', '--ops', '1', '--por', '--no-shrink');
    expect(bug.code).toBe(1);
    expect(bug.out).toMatch(/BUG FOUND/);
    const weak = await cli('run', `ticket:${FIXED}`, '--strategy', 'dfs', '--preemptions', '1', '--threads', '2', '--ops', '1', '--memory', 'arm64-lite', '--por');
    expect(weak.out).toMatch(/partial-order reduction does not support arm64-lite yet/);
  });

  it('--json: always one envelope with schemaVersion and results; same seed => same JSON apart from elapsedMs', async () => {
    const run = async (seed: string) => {
      const r = await cli('run', `ticket:${BUGGY}`, '--seed', seed, '--runs', '500', '--json');
      expect(r.code).toBe(1);
      const env = JSON.parse(r.out);
      expect(env).toMatchObject({ schemaVersion: 1, command: 'run', seed: Number(seed), summary: { variants: 1, withFindings: 1, asExpected: 1, notAsExpected: [] } });
      expect(env.results).toHaveLength(1);
      const j = env.results[0];
      expect(typeof j.elapsedMs).toBe('number');
      delete j.elapsedMs;
      return j;
    };
    const a = await run('5');
    expect(a.verdict).toMatchObject({ outcome: 'expected-bug-found', pass: true });
    for (const k of ['target', 'variant', 'memory', 'strategy', 'seed', 'executions', 'steps', 'exhausted', 'findings']) expect(a).toHaveProperty(k);
    expect(a.findings[0]).toEqual(expect.objectContaining({ kind: expect.any(String), message: expect.any(String), decisions: expect.any(Array), replay: expect.stringMatching(/^ls1\./), preemptions: expect.any(Number) }));
    expect(await run('5')).toEqual(a);
    const c = await run('6');
    expect(c.findings[0].replay === a.findings[0].replay && c.executions === a.executions).toBe(false);
  });

  it('without a variant runs every variant and reports each', async () => {
    const r = await cli('run', 'ticket', '--runs', '200', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.schemaVersion).toBe(1);
    expect(j.results.map((x: { variant: string }) => x.variant)).toEqual(ticket!.variants.map((v) => v.name));
    for (const x of j.results) expect(x.findings.length).toBe(x.expected === 'clean' ? 0 : 1);
  });

  it('--expect exits 0 when every variant shows its expected outcome', async () => {
    const r = await cli('run', 'ticket', '--expect', '--runs', '2000');
    expect(r.out).toMatch(/0 differ from the expectation/);
    expect(r.code).toBe(0);
    const wrong = await cli('run', `ticket:${BUGGY}`, '--expect', '--runs', '1', '--strategy', 'dfs', '--preemptions', '0', '--threads', '2', '--ops', '1');
    // K=0 cannot preempt: the race stays hidden, which differs from the expectation
    expect(wrong.code).toBe(1);
  });

  it('shrinks the finding like fuzz does (never larger than found); --no-shrink shows it as found; both tokens replay', async () => {
    const shrunk = JSON.parse((await cli('run', `ticket:${BUGGY}`, '--memory', 'tso', '--seed', '3', '--json')).out).results[0].findings[0];
    const raw = JSON.parse((await cli('run', `ticket:${BUGGY}`, '--memory', 'tso', '--seed', '3', '--json', '--no-shrink')).out).results[0].findings[0];
    expect(raw.shrunk).toBe(false);
    expect(raw.found).toBeUndefined();
    expect(shrunk.shrunk).toBe(true);
    expect(shrunk.found).toEqual({ preemptions: raw.preemptions, steps: raw.steps, decisions: raw.decisions.length, threads: raw.workload.length });
    // seed 3 finds it with 3 preemptions; the race needs none once the schedule is shrunk
    expect(shrunk.preemptions).toBeLessThan(raw.preemptions);
    expect(shrunk.workload.length).toBeLessThanOrEqual(raw.workload.length);
    expect(shrunk.decisions.length).toBeLessThanOrEqual(raw.decisions.length);
    expect(shrunk.kind).toBe(raw.kind);
    for (const tok of [shrunk.replay, raw.replay]) expect((await cli('replay', tok)).code).toBe(1);
    const text = await cli('run', `ticket:${BUGGY}`, '--memory', 'tso', '--seed', '3');
    expect(text.out).toMatch(/BUG FOUND: \w+ in execution \d+ of \d+ \(\d+ steps, \d+ preemptions?\); shrunk to \d+ steps, \d+ preemptions?, \d threads? in \d+ executions/);
    expect(text.out).toContain(`replay: npx lockstep replay ${shrunk.replay}`);
  });

  it('--reporter junit/github/json: one test case per variant by the expectation rule; html is refused with a hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-run-reporters-'));
    const r = await cli('run', 'ticket', '--runs', '300', '--reporter', `junit:${join(dir, 'junit.xml')}`, '--reporter', 'github', '--reporter', `json:${join(dir, 'run.json')}`);
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(ticket!.variants.length);
    expect(xml).toMatch(/tests="\d+" failures="0"/); // each buggy variant shows its bug, the correct one stays clean
    expect(r.out).toMatch(/^::notice title=lockstep%3A expected violation found in ticket%3Aracy-take \[sc\]::/m);
    expect(r.out).not.toMatch(/^== ticket/m); // naming reporters replaces the default text
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).results).toHaveLength(ticket!.variants.length);
    const html = await cli('run', `ticket:${FIXED}`, '--reporter', 'html');
    expect(html.code).toBe(2);
    expect(html.err).toMatch(/--reporter html: lockstep run has no HTML page; lockstep fuzz writes one/);
  });

  it('draws a workload per execution within the shape unless --threads/--ops pin it; the finding names its own', async () => {
    const gen = JSON.parse((await cli('run', 'ttas:blind-xchg', '--json', '--no-shrink')).out).results[0];
    expect(gen.generatedWorkloads).toMatch(/^generated per execution: 2-4 threads x 1-3 ops of lock\|trylock$/);
    const f = gen.findings[0];
    expect(decodeReplayToken(f.replay).workload.ops).toEqual(f.workload);
    const pinned = JSON.parse((await cli('run', 'ttas:blind-xchg', '--json', '--threads', '2', '--ops', '1')).out).results[0];
    expect(pinned.generatedWorkloads).toBeUndefined();
    expect(pinned.workload).toEqual([['lock'], ['trylock']]);
  });

  it('--time bounds the run without --runs', async () => {
    const r = await cli('run', `ticket:${FIXED}`, '--time', '0.2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results[0].stoppedBy).toBe('time');
  });
});

describeIf('lockstep replay', () => {
  async function token(): Promise<string> {
    const r = await cli('run', `ticket:${BUGGY}`, '--json');
    return JSON.parse(r.out).results[0].findings[0].replay as string;
  }

  it('exit 1 when the failure reproduces, with the interleaving table', async () => {
    const tok = await token();
    const r = await cli('replay', tok);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REPRODUCED: (violation|deadlock)/);
    expect(r.out).toMatch(/step \| cpu0/);
  });

  it('--minimize shrinks a raw recording and searches it down to the fewest preemptions; its token replays', async () => {
    const raw = JSON.parse((await cli('run', 'ticket:racy-take', '--seed', '2', '--no-shrink', '--json')).out).results[0].findings[0];
    const r = await cli('replay', '--minimize', '--json', raw.replay);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.preemptions).toBe(raw.preemptions);
    expect(j.minimized.preemptions).toBeLessThan(raw.preemptions);
    expect(j.minimized.minimal).toMatchObject({ proved: true, atLeast: j.minimized.preemptions });
    const again = await cli('replay', j.minimized.replay);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`${j.minimized.preemptions} preemptions`);
    const text = await cli('replay', '--minimize', raw.replay);
    expect(text.out).toMatch(/minimized to 2 threads/);
    expect(text.out).toMatch(/^minimal: bounded DFS found no schedule/m);
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-minimize-'));
    expect((await cli('replay', '--minimize', dir)).code).toBe(2);
    expect((await cli('replay', '--minimal-budget', '5', raw.replay)).code).toBe(2);
  });

  it('reads a file with a token or a JSON record', async () => {
    const tok = await token();
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-replay-'));
    writeFileSync(join(dir, 'tok.txt'), `${tok}\n`);
    writeFileSync(join(dir, 'rec.json'), JSON.stringify(decodeReplayToken(tok)));
    expect((await cli('replay', join(dir, 'tok.txt'))).code).toBe(1);
    expect((await cli('replay', join(dir, 'rec.json'), '--json')).code).toBe(1);
    writeFileSync(join(dir, 'bad.json'), '{"target": 3}');
    const bad = await cli('replay', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.json/);
  });

  it('exit 0 when the run is now clean; exit 4 (stale, never "fixed") when the log no longer fits', async () => {
    const rec = decodeReplayToken(await token());
    // always the first runnable thread: one critical section after the other
    const clean = await cli('replay', encodeReplayToken({ ...rec, decisions: new Array<number>(400).fill(0) }));
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/clean: the execution now ends with verdict 'ok'/);
    // a log naming scheduling options the target does not offer (the code changed since)
    const moved = await cli('replay', encodeReplayToken({ ...rec, decisions: [7, 7, 7, 7] }));
    expect(moved.code).toBe(4);
    expect(moved.out).toMatch(/^STALE  ticket:racy-take \(sc\)  -- replay diverged at decision 0/);
  });

  it('exit 2 on malformed input, without a stack trace', async () => {
    for (const arg of ['ls1.!!!', 'ls1.' + Buffer.from('{}').toString('base64url'), '/no/such/file.json']) {
      const r = await cli('replay', arg);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^lockstep: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('exit 4 when the recorded target, variant or workload no longer exists', async () => {
    const unknown = await cli('replay', encodeReplayToken({ target: 'nope', variant: 'x', memory: 'sc', knobs: {}, workload: { ops: [['lock']] }, decisions: [] }));
    expect(unknown.code).toBe(4);
    expect(unknown.out).toMatch(/STALE  nope:x \(sc\)  -- target 'nope' no longer exists/);
    const gone = await cli('replay', encodeReplayToken({ target: 'ticket', variant: 'gone', memory: 'sc', knobs: {}, workload: { ops: [['lock']] }, decisions: [] }));
    expect(gone.code).toBe(4);
    expect(gone.out).toMatch(/has no variant 'gone' any more/);
    const badOp = await cli('replay', encodeReplayToken({ target: 'ticket', variant: FIXED, memory: 'sc', knobs: {}, workload: { ops: [['fly'], ['lock']] }, decisions: [] }));
    expect(badOp.code).toBe(4);
    expect(badOp.out).toMatch(/thread 0 performs 'fly'/);
    const moduleGone = await cli('replay', encodeReplayToken({ target: 'mine', targetModule: 'no/such/lock.ts', variant: 'v', memory: 'sc', knobs: {}, workload: { ops: [['lock']] }, decisions: [] }));
    expect(moduleGone.code).toBe(4);
    expect(moduleGone.out).toMatch(/STALE  no\/such\/lock\.ts:mine:v \(sc\)  -- target module 'no\/such\/lock\.ts' does not exist/);
  });
});
