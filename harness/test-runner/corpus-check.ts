import * as fs from 'node:fs';
import { withRunawayGuard } from './test-guard';
import * as path from 'node:path';
import type { CorpusReplayResult } from '../corpus/corpus-replay-result';
import { stillFails } from '../corpus/corpus-replay-result';
import { loadCorpus, targetDirName, type LoadedEntry } from '../corpus/corpus-store';
import { replayEntry } from '../corpus/replay-corpus';
import { formatInterleaving } from '../report/interleaving-table';
import { replayCommand } from '../report/report-format';
import { expectationOf, type AnyTarget } from '../target/any-target';
import { executeTarget, withDeterminismCheck } from '../async/execute-target';

/** What replaying one saved entry of a target says about the code now. */
export interface CorpusCheck {
  readonly file: string;
  readonly variant: string;
  readonly memory: string;
  /** What the entry's variant is declared to show under its memory model. */
  readonly expected: string;
  readonly status: CorpusReplayResult['status'];
  /**
   * True when the code behaves as declared: an entry of a variant expected to show a bug still
   * fails; an entry of a variant expected clean (a bug that was fixed) stays clean.
   */
  readonly pass: boolean;
  /** A runaway entry (never replayed in-process): reported as skipped. */
  readonly skip: boolean;
  readonly message: string;
}

/**
 * The saved entries of `target` under `corpusDir` (`<corpus>/<target>/*.json`, as `lockstep
 * fuzz` saves them), sorted by path; none when the folder does not exist.
 */
export function corpusEntriesOf(target: AnyTarget, corpusDir: string): LoadedEntry[] {
  const dir = path.join(corpusDir, targetDirName(target.name));
  if (!fs.existsSync(dir)) return [];
  return loadCorpus(dir).filter((l) => l.entry.target === target.name);
}

/**
 * Replay one saved entry against `target` as it is now (regression mode, as Jazzer.js
 * replays its corpus as tests) and judge it: a recorded failure of a buggy variant must still
 * reproduce, one of a variant expected clean must no longer fail; a stale entry (variant gone,
 * decisions no longer fit) fails with the reason, never passes as "fixed".
 */
export async function checkCorpusEntry(target: AnyTarget, loaded: LoadedEntry, o: { readonly runawayMs?: number } = {}): Promise<CorpusCheck> {
  const e = loaded.entry;
  const spec = target.variants.find((v) => v.name === e.variant);
  const expected = spec === undefined ? 'unknown' : expectationOf(target, spec.name, e.memory)!;
  const r = await withRunawayGuard(o.runawayMs, (guard) => replayEntry(e, { target, ...(guard ? { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) } : {}) }, loaded.path));
  const base = { file: loaded.path, variant: e.variant, memory: e.memory, expected, status: r.status };
  const where = `${path.relative(process.cwd(), loaded.path) || loaded.path} (${e.variant} under ${e.memory}, recorded ${e.finding.kind}: ${e.finding.message.split('\n')[0]})`;
  if (r.status === 'skipped') return { ...base, pass: true, skip: true, message: `${where}: ${r.reason}` };
  if (r.status === 'stale') {
    return { ...base, pass: false, skip: false, message: `${where}: STALE, ${r.reason}. The entry no longer fits the code: delete it, or record the bug again with lockstep fuzz.` };
  }
  const fails = stillFails(r);
  const pass = expected === 'clean' ? !fails : fails;
  const replay = replayCommand(path.relative(process.cwd(), loaded.path) || loaded.path);
  let message: string;
  if (pass) message = `${where}: ${fails ? 'still reproduces, as the variant is expected to show a bug' : 'stays fixed'} (${r.reason})`;
  else if (fails) message = `${where}: the recorded failure is back (${r.status}): ${r.reason}\n\n${r.outcome !== undefined ? formatInterleaving(r.outcome) : ''}\nreplay: ${replay}`;
  else message = `${where}: no longer reproduces (${r.reason}), but variant '${e.variant}' is expected to show ${expected === 'unknown' ? 'a bug' : `a ${expected}`} under ${e.memory}\nreplay: ${replay}`;
  return { ...base, pass, skip: false, message };
}
