/**
 * The async front end end to end, through the CLI in a child process (as a user runs it, and
 * because jest cannot import the ESM libraries): a campaign over real npm lock libraries on a
 * worker pool finds the historical bugs (p-queue #168, async-mutex #27) and mortice 3.3.1's
 * current abort-after-grant revocation, leaves the fixed versions clean, saves corpus entries
 * that `lockstep replay` reproduces, and `lockstep run` shows a shrunk interleaving with a
 * replay token.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CHILD = path.join(__dirname, 'faults', 'cli-child.js');

function cli(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('async targets through the CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-async-'));
  const out = path.join(dir, 'out');

  it('a pooled campaign finds the historical and current bugs, keeps the fixed versions clean, and its corpus replays', () => {
    const r = cli(['fuzz', 'p-queue-168', 'async-mutex-27', 'mortice', '--runs', '200', '--seed', '1', '--workers', '1', '--out', out, '--progress', 'off']);
    expect({ code: r.code, err: r.err.split('\n').filter((l) => /internal error|TargetError/.test(l)) }).toEqual({ code: 1, err: [] });
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { cells: { target: string; variant: string; memory: string; findingsByKind: Record<string, number> }[] };
    const kinds = Object.fromEntries(report.cells.map((c) => [`${c.target}:${c.variant}@${c.memory}`, Object.keys(c.findingsByKind).sort()]));
    expect(kinds).toEqual({
      'p-queue-168:7.3.0@sc': ['hang'],
      'p-queue-168:7.3.4@sc': [],
      'async-mutex-27:0.2.4@sc': ['hang'],
      'async-mutex-27:0.2.6@sc': [],
      'mortice:3.3.1@sc': ['violation'],
    });
    const replay = cli(['replay', path.join(out, 'corpus')]);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/^\d+ entr(y|ies): \d+ reproduces$/m);
  });

  it('lockstep run shows the shrunk interleaving of p-queue #168 and a token that reproduces it', () => {
    const r = cli(['run', 'p-queue-168:7.3.0', '--runs', '500']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/HANG: nothing is pending .* while \d tasks? ha(s|ve) not finished/);
    expect(r.out).toMatch(/abort: abort of abort-add/);
    const token = /replay: npx lockstep replay (ls1\.\S+)/.exec(r.out)![1]!;
    const again = cli(['replay', token]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/REPRODUCED: hang/);
  });

  it('lockstep triage of a historical pair runs under sc only: the fix removes the bug, introduces nothing', () => {
    const r = cli(['triage', 'async-mutex-27', '--base', '0.2.4', '--patch', '0.2.6', '--runs', '100', '--workers', '1', '--progress', 'off']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^verdict: 0 introduced by the patch, [1-9]\d* fixed, 0 changed/m);
    expect(r.out).toContain('(0.2.4@sc: 100 runs; 0.2.6@sc: 100 runs)');
    const tso = cli(['triage', 'async-mutex-27', '--base', '0.2.4', '--patch', '0.2.6', '--memory', 'tso']);
    expect({ code: tso.code, err: tso.err.trim() }).toEqual({ code: 2, err: expect.stringMatching(/^lockstep: --memory: target 'async-mutex-27' is an async target and runs under sc only \(asked: tso\)$/) });
  });
});
