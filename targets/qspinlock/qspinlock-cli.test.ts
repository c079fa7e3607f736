import type { CliIo } from '../../harness/cli/cli-io';
import { main } from '../../harness/cli/main';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    exitCode: 0,
    isTty: false,
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
  };
  return io;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** The qspinlock family through the lockstep command line (in process). */
describe('lockstep CLI on the qspinlock family', () => {
  it('list --json shows every variant with its expectation per memory model', async () => {
    const r = await run(['list', '--json']);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.out) as { targets: { name: string; variants: { id: string; expect: { sc: string; tso: string }; defaultMemory: string }[] }[] };
    const pv = listed.targets.find((t) => t.name === 'pvqspinlock');
    const got = Object.fromEntries((pv?.variants ?? []).map((v) => [v.id, `${v.expect.sc}/${v.expect.tso}/${v.defaultMemory}`]));
    expect(got['pvqspinlock:v13-2014']).toBe('clean/hang/tso');
    expect(got['pvqspinlock:v4.7']).toBe('violation/violation/sc');
    expect(listed.targets.find((t) => t.name === 'qspinlock')?.variants.map((v) => v.id)).toEqual(['qspinlock:native', 'qspinlock:native-relaxed-tail', 'qspinlock:native-relaxed-tail-no-wmb']);
  });

  it('run of v13-2014 uses its default memory (tso), finds the lost kick, and the replay shows the decoded lock word', async () => {
    const r = await run(['run', 'pvqspinlock:v13-2014', '--seed', '2', '--runs', '40000', '--json']);
    const j = (JSON.parse(r.out) as { results: { memory: string; expected: string; findings: { kind: string; message: string; replay: string }[] }[] }).results[0]!;
    expect(j.memory).toBe('tso');
    expect(j.expected).toBe('hang');
    expect(j.findings[0]?.kind).toBe('hang');
    expect(j.findings[0]?.message).toMatch(/cpu\d halted \(pv_wait\) at pv_link_and_wait_node:pv_lockwait/);
    const replay = await run(['replay', j.findings[0].replay]);
    expect(replay.out).toMatch(/\(tail=cpu\d\/0, 0, \d\) 0x[0-9a-f]+/);
    expect(replay.out).toMatch(/I-W1: cpu\d in pv_wait/);
    expect(replay.out).toMatch(/flush/);
  });
});
