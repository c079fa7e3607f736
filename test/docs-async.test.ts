/**
 * docs/writing-async-targets.md as a user follows it: every fenced block, in order, in a project
 * folder outside the repository (`from 'lockstep'` pointing at this checkout).
 *
 * - ```ts file=PATH / ```js file=PATH: the file is written (`lockstep` imports point at this checkout);
 * - ```console: each `$ npx lockstep ...` line runs (through a shell, so `reports/*` expands),
 *   `$ npx jest` runs this checkout's jest in the project (its node_modules linked to ours),
 *   a trailing `# exit N` is the exit code it must have (default 0); the lines after it are
 *   output it must print, in order, compared with whitespace collapsed, `…` for any text;
 *   `ls1.…` in a command is the last replay token printed.
 * Any other block fails the test: the page holds nothing that is not run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const CHILD = path.join(__dirname, 'faults', 'cli-child.js');
const PAGE = path.join(ROOT, 'docs', 'writing-async-targets.md');

interface Block { readonly lang: string; readonly file?: string; readonly body: string[]; readonly line: number }

function fencedBlocks(md: string): Block[] {
  const lines = md.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w*)(?:\s+file=(\S+))?\s*$/.exec(lines[i]!);
    if (!m) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ lang: m[1]!, ...(m[2] !== undefined ? { file: m[2] } : {}), body, line: start + 1 });
  }
  return out;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('docs/writing-async-targets.md, run as written', () => {
  const blocks = fencedBlocks(fs.readFileSync(PAGE, 'utf8'));

  it('holds only blocks the test runs: the lock and its target first, then files and console sessions', () => {
    const kinds = blocks.map((b) => (b.file !== undefined ? `${b.lang} file=${b.file}` : b.lang));
    expect(kinds.slice(0, 2)).toEqual(['ts file=timed-mutex.ts', 'ts file=timed-mutex.target.ts']);
    expect(kinds.slice(2).every((k) => k === 'console' || /^js file=/.test(k))).toBe(true);
    expect(kinds.length).toBeGreaterThanOrEqual(8);
  });

  it('writes the lock and its target, then every command exits and prints as the page shows', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-async-doc-'));
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "doc-project", "private": true }\n');
    // jest and its TypeScript transform, as `npm install --save-dev jest @swc/core @swc/jest` gives them
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    let token: string | undefined;
    const ran: string[] = [];
    for (const b of blocks) {
      const where = `docs/writing-async-targets.md line ${b.line}`;
      if (b.file !== undefined) {
        fs.writeFileSync(path.join(project, b.file), b.body.join('\n')
          .replace(/from 'lockstep'/g, `from ${JSON.stringify(path.join(ROOT, 'harness'))}`)
          .replace(/require\('lockstep\/jest'\)/g, `require(${JSON.stringify(path.join(ROOT, 'harness', 'test-runner', 'jest'))})`));
        continue;
      }
      let output = '';
      let from = 0;
      for (const l of b.body) {
        if (l.startsWith('$ ')) {
          if (l.trim() === '$ npx jest') {
            const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], { cwd: project, encoding: 'utf8', timeout: 300_000 });
            expect({ where, command: 'jest', code: r.status }).toEqual({ where, command: 'jest', code: 0 });
            output = collapse(`${r.stdout}${r.stderr}`);
            from = 0;
            ran.push('jest');
            continue;
          }
          const m = /^\$ npx lockstep (.*?)\s*(?:#\s*exit\s+(\d+))?$/.exec(l);
          if (!m) throw new Error(`${where}: '${l}' is not an npx lockstep or npx jest command`);
          const args = m[1]!.replace('ls1.…', () => token ?? 'no-token-printed-before');
          const r = spawnSync(`"${process.execPath}" "${CHILD}" ${args}`, { cwd: project, shell: true, encoding: 'utf8', timeout: 300_000 });
          expect({ where, command: m[1], code: r.status, err: r.stderr.split('\n').filter((x) => /error|warning/i.test(x)) })
            .toEqual({ where, command: m[1], code: Number(m[2] ?? 0), err: [] });
          output = collapse(r.stdout);
          from = 0;
          token = r.stdout.match(/ls1\.[A-Za-z0-9_-]+/g)?.pop() ?? token;
          ran.push(m[1]!.split(' ')[0]!);
          continue;
        }
        if (l.trim() === '') continue;
        for (const part of collapse(l).replace('ls1.…', 'ls1.').split('…').map((p) => p.trim()).filter((p) => p !== '')) {
          const at = output.indexOf(part, from);
          if (at < 0) throw new Error(`${where}: the output does not show '${part}' (of '${l.trim()}') after what matched so far\n--- output\n${output}`);
          from = at + part.length;
        }
      }
    }
    // the walk-through covers each command a user needs
    expect([...new Set(ran)].sort()).toEqual(['fuzz', 'jest', 'replay', 'run', 'triage']);
  });
});
