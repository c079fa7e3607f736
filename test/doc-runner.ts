/**
 * Runs a documentation page as written (docs/writing-targets.md): its fenced blocks in order.
 *
 * - ```sh: each line is a command run in the current folder (`mkdir x && cd x` moves into it);
 *   a trailing `# exit N` states the expected exit code (default 0).
 * - ```console: `$ command` lines run like sh lines; the lines after one are output it must
 *   print, each matched after collapsing whitespace, `…` standing for any text.
 * - ```ts file=PATH / ```js file=PATH: write the file.
 * - ```diff file=PATH: the context and `-` lines, in order, are replaced by the context and
 *   `+` lines (the "before" text must occur exactly once).
 *
 * `rewrite` maps a command before it runs (e.g. the package under test instead of the
 * registry's). `ls1.…` in a command stands for the last replay token printed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One fenced block of the page. */
export interface DocBlock {
  readonly lang: string;
  readonly file?: string;
  readonly body: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

/** The fenced blocks of a markdown page, in order. */
export function docBlocks(markdown: string): DocBlock[] {
  const out: DocBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(\w+)(?:\s+file=(\S+))?\s*$/.exec(lines[i]!);
    if (!m) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ lang: m[1]!, ...(m[2] !== undefined ? { file: m[2] } : {}), body: body.join('\n'), line: start + 1 });
  }
  return out;
}

/** Options of {@link runDoc}. */
export interface DocRunOptions {
  /** Folder the page starts in (an empty folder). */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly rewrite?: (command: string) => string;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Run every block of `markdown`; throws naming the block's line on the first mismatch. */
export function runDoc(markdown: string, o: DocRunOptions): void {
  let cwd = o.cwd;
  let lastToken: string | undefined;
  const run = (raw: string, where: string): string => {
    const m = /^(.*?)\s*(?:#\s*exit\s+(\d+))?\s*$/.exec(raw)!;
    let cmd = m[1]!.trim();
    const expected = m[2] === undefined ? 0 : Number(m[2]);
    for (const part of cmd.split('&&').map((s) => s.trim())) {
      const cd = /^cd\s+(\S+)$/.exec(part);
      const mk = /^mkdir\s+(\S+)$/.exec(part);
      if (mk) fs.mkdirSync(path.resolve(cwd, mk[1]!), { recursive: true });
      else if (cd) cwd = path.resolve(cwd, cd[1]!);
      else cmd = part;
      if (mk || cd) cmd = '';
    }
    if (cmd === '') return '';
    if (cmd.includes('ls1.…')) {
      if (lastToken === undefined) throw new Error(`${where}: '${cmd}' needs a replay token, and none was printed before`);
      cmd = cmd.replace('ls1.…', lastToken);
    }
    if (o.rewrite) cmd = o.rewrite(cmd);
    const r = spawnSync(cmd, { cwd, env: o.env, shell: true, encoding: 'utf8', timeout: 600_000 });
    const output = `${r.stdout}${r.stderr}`;
    if (r.status !== expected) throw new Error(`${where}: '${cmd}' exited ${String(r.status)}, the page says ${expected}\n${output}`);
    const tokens = output.match(/ls1\.[A-Za-z0-9_-]+/g);
    if (tokens) lastToken = tokens[tokens.length - 1];
    return output;
  };
  for (const b of docBlocks(markdown)) {
    const where = `docs line ${b.line}`;
    if (b.file !== undefined && (b.lang === 'ts' || b.lang === 'js')) {
      const dest = path.resolve(cwd, b.file);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, `${b.body}\n`);
    } else if (b.file !== undefined && b.lang === 'diff') {
      const lines = b.body.split('\n');
      const before = lines.filter((l) => !l.startsWith('+')).map((l) => l.slice(1)).join('\n');
      const after = lines.filter((l) => !l.startsWith('-')).map((l) => l.slice(1)).join('\n');
      const dest = path.resolve(cwd, b.file);
      const text = fs.readFileSync(dest, 'utf8');
      const at = text.indexOf(before);
      if (at < 0 || text.indexOf(before, at + 1) >= 0) throw new Error(`${where}: the diff's lines occur ${at < 0 ? 'nowhere' : 'more than once'} in ${b.file}`);
      fs.writeFileSync(dest, text.slice(0, at) + after + text.slice(at + before.length));
    } else if (b.lang === 'sh') {
      for (const l of b.body.split('\n')) if (l.trim() !== '') run(l, where);
    } else if (b.lang === 'console') {
      let output = '';
      for (const l of b.body.split('\n')) {
        if (l.startsWith('$ ')) { output = collapse(run(l.slice(2), where)); continue; }
        if (l.trim() === '') continue;
        const parts = collapse(l).split('…').map((p) => p.trim()).filter((p) => p !== '');
        let from = 0;
        for (const p of parts) {
          const at = output.indexOf(p, from);
          if (at < 0) throw new Error(`${where}: the output does not show '${p}' (of the line '${l.trim()}')\n--- output\n${output}`);
          from = at + p.length;
        }
      }
    }
  }
}
