import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../main';
import type { CliIo } from '../cli-io';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-check-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: readonly object[] | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

const ev = (process: number, type: string, f: string, value: unknown = null) => ({ process, type, f, value });
const good = write('good.jsonl', [ev(0, 'invoke', 'write', 1), ev(1, 'invoke', 'read'), ev(0, 'ok', 'write', 1), ev(1, 'ok', 'read', 1)]);
const stale = write('stale.jsonl', [ev(0, 'invoke', 'write', 1), ev(0, 'ok', 'write', 1), ev(1, 'invoke', 'read'), ev(1, 'ok', 'read', 3)]);
// many concurrent writes and a read nobody wrote: the search space explodes
const hard = write('hard.jsonl', [
  ...Array.from({ length: 40 }, (_, p) => ev(p, 'invoke', 'append', String(p % 5))).map((e) => ({ ...e, key: 'k' })),
  ...Array.from({ length: 40 }, (_, p) => ev(p, 'ok', 'append', String(p % 5))).map((e) => ({ ...e, key: 'k' })),
  { ...ev(99, 'invoke', 'get'), key: 'k' }, { ...ev(99, 'ok', 'get', 'zz'), key: 'k' },
]);

describe('lockstep check', () => {
  it('exits 0 on a linearizable history and names the file', async () => {
    const io = captureIo();
    expect(await main(['check', '--model', 'register', good], io)).toBe(0);
    expect(io.stdout).toContain(`${good}: linearizable (register, 2 ops`);
  });

  it('exits 1 with the explanation on a non-linearizable history', async () => {
    const io = captureIo();
    expect(await main(['check', '--model', 'register', good, stale], io)).toBe(1);
    expect(io.stdout).toContain(`${stale}: NOT LINEARIZABLE`);
    expect(io.stdout).toMatch(/cannot place op 1 \(line 3, process 1\): read null -> 3/);
    expect(io.stdout).toContain('reason: read returned 3 but the register holds 1');
    expect(io.stdout).toContain('2 files: 1 linearizable, 1 not linearizable, 0 unknown');
  });

  it('prints one JSON object per file with --json', async () => {
    const io = captureIo();
    expect(await main(['check', '--model', 'register', '--json', good, stale], io)).toBe(1);
    const objs = io.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => [o.file, o.model, o.verdict, o.ops])).toEqual([[good, 'register', 'linearizable', 2], [stale, 'register', 'not-linearizable', 2]]);
    expect(typeof objs[0].elapsedMs).toBe('number');
    expect(objs[1].explanation.stuck[0]).toMatchObject({ id: 1, f: 'read', output: 3, line: 3 });
  });

  it('exits 3 (unknown) when the budget runs out, never a verdict', async () => {
    const io = captureIo();
    expect(await main(['check', '--model', 'kv-nopartition', '--max-steps', '2000', '--json', hard], io)).toBe(3);
    const o = JSON.parse(io.stdout);
    expect([o.verdict, o.stoppedBy]).toEqual(['unknown', 'steps']);
    const io2 = captureIo();
    expect(await main(['check', '--model', 'kv-nopartition', '--max-steps', '2000', hard], io2)).toBe(3);
    expect(io2.stdout).toMatch(/UNKNOWN .*\n.*longest linearizable prefix: \d+ ops[^]*stopped: budget exhausted \(steps\)/);
  });

  it('exits with the most severe code (3 unknown over 1 illegal, DECISIONS.md item 12), reporting both', async () => {
    const s2 = write('stale-kv.jsonl', [{ ...ev(0, 'invoke', 'put', 'a'), key: 'k' }, { ...ev(0, 'ok', 'put', 'a'), key: 'k' }, { ...ev(1, 'invoke', 'get'), key: 'k' }, { ...ev(1, 'ok', 'get', 'b'), key: 'k' }]);
    const io = captureIo();
    expect(await main(['check', '--model', 'kv-nopartition', '--max-steps', '2000', hard, s2], io)).toBe(3);
    expect(io.stdout).toContain(`${hard}: UNKNOWN`);
    expect(io.stdout).toContain(`${s2}: NOT LINEARIZABLE`);
  });

  it('checks every file when some cannot be read or parsed, and exits 2 (issue 10)', async () => {
    const broken = write('broken.jsonl', '{"process": 0, "type": "invoke", "f": "read"\n');
    const io = captureIo();
    expect(await main(['check', '--model', 'register', '/no/such.jsonl', good, broken, stale], io)).toBe(2);
    expect(io.stdout).toContain(`${good}: linearizable`);
    expect(io.stdout).toContain(`${stale}: NOT LINEARIZABLE`);
    expect(io.stdout).toContain('4 files: 1 linearizable, 1 not linearizable, 0 unknown, 2 unreadable or malformed');
    expect(io.stderr.trim().split('\n')).toEqual([
      'lockstep: cannot read history file /no/such.jsonl: ENOENT',
      expect.stringMatching(new RegExp(`^lockstep: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1: a JSON object per line`)),
    ]);
    const json = captureIo();
    expect(await main(['check', '--model', 'register', '--json', '/no/such.jsonl', good], json)).toBe(2);
    expect(json.stdout.trim().split('\n').map((l) => JSON.parse(l).verdict)).toEqual(['error', 'linearizable']);
  });

  it.each([
    [['check', '--model', 'nope', 'x'], /--model: unknown spec "nope"/],
    [['check', '--model', 'register', '--format', 'csv', 'x'], /--format expects one of native, jepsen-etcd, jepsen-kv/],
    [['check', '--model', 'register', '--timeout', '-1', 'GOOD'], /--timeout expects a positive number/],
    [['check', '--model', 'register', '/no/such/file.jsonl'], /cannot read history file \/no\/such\/file.jsonl: ENOENT/],
    [['check', '--model', 'mutex', 'GOOD'], /GOOD:1: operation 0 \(process 0, write\): spec mutex has no operation "write"/],
  ])('exits 2 without a stack trace on bad input %#', async (argv, message) => {
    const io = captureIo();
    const args = argv.map((a) => (a === 'GOOD' ? good : a));
    expect(await main(args, io)).toBe(2);
    expect(io.stderr).toMatch(new RegExp(message.source.replace('GOOD', good.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))));
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming file and line of a malformed history', async () => {
    const bad = write('bad.jsonl', '{"process": 0, "type": "invoke", "f": "read"}\n{"process": 0, "type": "ok", "f": "read", "value": 1\n');
    const io = captureIo();
    expect(await main(['check', '--model', 'register', bad], io)).toBe(2);
    expect(io.stderr).toMatch(new RegExp(`^lockstep: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: a JSON object per line`));
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming file and line of a malformed Jepsen etcd or EDN history', async () => {
    const etcd = write('bad-etcd.log', 'INFO  jepsen.util - 3\t:invoke\t:read\tnil\nINFO  jepsen.util - 3\t:ok\t:read\t[1 2 3]\n');
    const io = captureIo();
    expect(await main(['check', '--model', 'cas-register', etcd], io)).toBe(2);
    expect(io.stderr).toContain(`${etcd}:2: a value: nil, :timed-out, an integer or [from to], got "[1 2 3]"`);
    const edn = write('bad.edn', '{:process 1, :type :invoke, :f :get, :key "9", :value nil}\n{:process 1 :type}\n');
    const io2 = captureIo();
    expect(await main(['check', '--model', 'kv', '--format', 'jepsen-kv', edn], io2)).toBe(2);
    expect(io2.stderr).toMatch(new RegExp(`${edn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2: an EDN op map; at column \\d+: a value for the map key`));
    expect(io2.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes a self-contained HTML view with --html', async () => {
    const out = path.join(dir, 'view.html');
    const io = captureIo();
    expect(await main(['check', '--model', 'register', '--html', out, good, stale], io)).toBe(1);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<script type="application/json" id="check-data">');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    const data = JSON.parse(/id="check-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.histories[1]).toMatchObject({ verdict: 'not-linearizable', order: [0], stuck: [1], states: ['1'], reason: 'read returned 3 but the register holds 1' });
  });
});
