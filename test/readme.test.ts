/**
 * The README matches what a user sees: every `$ npx lockstep ...` example runs as documented
 * (no usage or harness error), and the nightly CI recipe works as written: its 1-based shard
 * matrix, the fuzz command of each shard and the merge with --expect-shards (budget cut down:
 * the recipe's --runs 20000 over every target becomes --runs 200 over one family).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { decodeReportText } from '../harness/report/report-codec';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-readme-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { out: '', err: '' };
  const cap: CliIo = { exitCode: 0, isTty: false, out: (s) => { io.out += s; }, err: (s) => { io.err += s; } };
  const code = await main(argv, cap);
  return { code, ...io };
}

/** Shell words of a command line (the README's commands use no quotes or expansions beyond ${{ }}). */
function words(line: string): string[] {
  return line.trim().split(/\s+/);
}

describe('README examples', () => {
  const examples = [...README.matchAll(/^\$ npx lockstep (.+)$/gm)].map((m) => m[1]!);
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(4));
  it.each(examples.map((e) => [e]))('lockstep %s runs as documented', async (example) => {
    // outputs go to a scratch folder, not into the repository
    const argv = words(example).map((w, i, all) => (all[i - 1] === '--html' || all[i - 1] === '--out' ? path.join(tmp, path.basename(w)) : w));
    const r = await cli(argv);
    expect({ code: r.code <= 1 ? 'ok' : r.code, err: r.err.split('\n').filter((l) => l.startsWith('lockstep:')) }).toEqual({ code: 'ok', err: [] });
    expect(r.out.length).toBeGreaterThan(0);
  });
});

describe('README nightly CI recipe', () => {
  const yaml = /```yaml\n([\s\S]*?)```/.exec(README)![1]!;
  const shards = JSON.parse(/matrix: \{ shard: (\[[^\]]*\]) \}/.exec(yaml)![1]!) as number[];
  const fuzzLine = /- run: npx lockstep (fuzz .*)$/m.exec(yaml)![1]!;
  const mergeLine = /- run: npx lockstep (merge .*)$/m.exec(yaml)![1]!;

  it('numbers the shards 1..N, as --shard I/N and --expect-shards N say', () => {
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(fuzzLine)![1]);
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(mergeLine).toContain(`--expect-shards ${n}`);
  });

  it('runs: every shard job, the merge (all shards: not exit 2 or 3), and a lost shard makes the merge exit 3', async () => {
    const env = (shard: number): string[] => words(fuzzLine
      .replace(/\$\{\{ matrix\.shard \}\}/g, String(shard))
      .replace(/\$\{\{ github\.run_number \}\}/g, '17')
      .replace('--runs 20000', '--runs 200 tas')
      .replace(/--out out\//, `--out ${tmp}/out/`)).concat(['--workers', '0', '--progress', 'off']);
    for (const s of shards) {
      const r = await cli(env(s));
      expect({ shard: s, code: r.code <= 1 ? 'ran' : r.code, err: r.err }).toEqual({ shard: s, code: 'ran', err: '' });
    }
    const merged = path.join(tmp, 'merged');
    const dirs = shards.map((s) => path.join(tmp, 'out', `shard-${s}`));
    const mergeArgv = (inputs: string[], out: string): string[] => words(mergeLine).flatMap((w) => (w === 'out/shard-*' ? inputs : [w])).map((w) => (w === 'merged' ? out : w));
    const all = await cli(mergeArgv(dirs, merged));
    expect(all.code).toBeLessThanOrEqual(1);
    const report = decodeReportText(fs.readFileSync(path.join(merged, 'report.json'), 'utf8'), 'report.json');
    expect(report.shard).toEqual({ indices: shards, count: shards.length });
    const lost = await cli(mergeArgv(dirs.slice(1), path.join(tmp, 'lost')));
    expect(lost.code).toBe(3);
    expect(lost.err).toMatch(/missing shard 1 of \d+/);
  });
});
