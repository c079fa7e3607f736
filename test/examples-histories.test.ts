/**
 * The example histories of examples/histories/ give the verdict their README table states,
 * through the `lockstep check` command a reader runs (so the README's check example works in a
 * fresh clone, without ../shared).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';

const DIR = path.join(__dirname, '..', 'examples', 'histories');

/** Rows of the table in examples/histories/README.md. */
function rows(): { file: string; format: string; model: string; verdict: string }[] {
  const text = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  return text.split('\n').filter((l) => /^\| [\w.-]+\.(log|jsonl|edn|txt) \|/.test(l)).map((l) => {
    const [file, format, model, verdict] = l.split('|').slice(1, 5).map((c) => c.trim());
    return { file: file!, format: format!, model: model!, verdict: verdict! };
  });
}

test('the README table lists every shipped history', () => {
  expect(rows().map((r) => r.file).sort()).toEqual(fs.readdirSync(DIR).filter((f) => f !== 'README.md').sort());
});

test.each(rows().map((r) => [r.file, r.verdict, r] as const))('%s is %s as stated', async (_f, _v, r) => {
  const io = { out: '', err: '' };
  const cap: CliIo = { exitCode: 0, isTty: false, out: (s) => { io.out += s; }, err: (s) => { io.err += s; } };
  const code = await main(['check', '--model', r.model, '--format', r.format, path.join(DIR, r.file), '--json'], cap);
  expect({ code, err: io.err }).toEqual({ code: r.verdict === 'linearizable' ? 0 : 1, err: '' });
  expect(io.out).toContain(r.verdict === 'linearizable' ? '"linearizable"' : '"not-linearizable"');
});
