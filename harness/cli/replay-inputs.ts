import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { targetDirName } from '../corpus/corpus-store';
import { REPLAY_TOKEN_PREFIX } from '../explore/replay-token';
import { globFiles, isGlob } from '../project/glob';
import { looksLikeTargetFile, selectTargets, type SelectContext } from '../project/select-targets';
import { CliError } from './cli-error';

/** Where `lockstep replay` finds entries for one of its inputs. */
export interface ReplaySource {
  /** A corpus entry file or a directory walked for entries. */
  readonly path: string;
  /** The input it came from (messages). */
  readonly input: string;
  /** Entries of this source that belong to the input (a target argument keeps its target's entries and variants). */
  readonly keep?: (e: CorpusEntry) => boolean;
}

/**
 * The corpus sources of `replay`'s inputs, in order: a directory or entry file as given, a
 * glob of `.json` files (each match), or a target (`locks/spin.ts`, `locks/spin.ts:variant`,
 * `'locks/*.ts'`, a built-in name) meaning its saved entries in `corpusDir`
 * (`<corpus>/<target>/*.json`, variants filtered). `isEntryFile` tells a corpus entry from a
 * file holding a token. Tokens and token files replay on their own (one input): CliError here.
 */
export function replaySources(inputs: readonly string[], corpusDir: string, ctx: SelectContext, isEntryFile: (f: string) => boolean): ReplaySource[] {
  const out: ReplaySource[] = [];
  for (const input of inputs) {
    if (input.trim().startsWith(REPLAY_TOKEN_PREFIX)) throw new CliError(`replay: a replay token is replayed on its own (give it as the only input), not with other inputs`);
    if (existsSync(input)) {
      if (statSync(input).isDirectory() || isEntryFile(input)) { out.push({ path: input, input }); continue; }
      if (!/\.([cm]?[jt]s)$/.test(input)) throw new CliError(`replay: ${input} holds no corpus entry (a file with a token or replay JSON is replayed on its own, as the only input)`);
    }
    if (isGlob(input) && input.endsWith('.json')) {
      const files = globFiles(input, ctx.cwd);
      if (files.length === 0) throw new CliError(`replay: no file matches '${input}' (relative to ${ctx.cwd})`);
      for (const f of files) out.push({ path: shown(f, ctx.cwd), input });
      continue;
    }
    const builtin = input.split(':')[0]!;
    if (!isGlob(input) && !looksLikeTargetFile(input) && !ctx.builtins().some((t) => t.name === builtin)) {
      throw new CliError(`'${input}' is neither a replay token (${REPLAY_TOKEN_PREFIX}...), an existing file or directory, nor a target (a target file such as locks/spin.ts, or a built-in name: lockstep list)`);
    }
    // a target: its saved entries in the project's corpus (selectTargets names a bad argument: exit 2)
    for (const s of selectTargets([input], ctx)) {
      const dir = path.join(corpusDir, targetDirName(s.target.name));
      const variants = new Set(s.variants);
      const module = s.ref.kind === 'file' ? s.ref.module : undefined;
      out.push({
        path: dir, input,
        keep: (e) => e.target === s.target.name && variants.has(e.variant) && (module === undefined || e.targetModule === undefined || e.targetModule === module),
      });
    }
  }
  return out;
}

/** `file` relative to `cwd` when inside it (as the user typed it), else absolute. */
function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
