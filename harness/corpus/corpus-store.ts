/**
 * The corpus on disk: `corpus/<target>/<hash>.json`, one entry per file, named by content hash
 * (entry-hash.ts), written atomically. Loading walks a directory recursively in sorted order,
 * so the result does not depend on the file system's listing order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write';
import { decodeEntryText, encodeEntry } from './corpus-codec';
import type { CorpusEntry } from './corpus-entry';
import { CorpusError } from './corpus-error';
import { entryHash } from './entry-hash';

/** An entry read from disk. */
export interface LoadedEntry {
  readonly path: string;
  readonly hash: string;
  readonly entry: CorpusEntry;
}

/** Result of saving an entry. */
export interface SavedEntry {
  readonly path: string;
  readonly hash: string;
  /** False when an entry with the same content hash was already there (kept as is). */
  readonly created: boolean;
}

/**
 * JSON files in a report directory that are not corpus entries (report.json, Chrome traces),
 * skipped so `replay <out-dir>` replays the repro.json files of a report.
 */
const NON_ENTRY_FILES: ReadonlySet<string> = new Set(['report.json', 'trace.json']);

/** Directory name of a target inside a corpus (target names are plain identifiers; anything else is replaced). */
export function targetDirName(target: string): string {
  return target.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Where `entry` lives in `corpusDir`. */
export function entryPath(corpusDir: string, entry: CorpusEntry): string {
  return path.join(corpusDir, targetDirName(entry.target), `${entryHash(entry)}.json`);
}

/**
 * Save `entry` under `corpusDir` atomically. An existing file with the same hash is kept (it
 * holds the earlier date and provenance), which makes saving idempotent.
 */
export function saveEntry(corpusDir: string, entry: CorpusEntry): SavedEntry {
  const file = entryPath(corpusDir, entry);
  const hash = entryHash(entry);
  if (fs.existsSync(file)) return { path: file, hash, created: false };
  writeFileAtomic(file, encodeEntry(entry));
  return { path: file, hash, created: true };
}

/** Read and validate one entry file; throws CorpusError naming the file and field. */
export function loadEntryFile(file: string): LoadedEntry {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorpusError(file, '', `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const entry = decodeEntryText(text, file);
  return { path: file, hash: entryHash(entry), entry };
}

/** Entry files under `fileOrDir` (a single file is taken as is), sorted by path. */
export function listEntryFiles(fileOrDir: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(fileOrDir);
  } catch {
    throw new CorpusError(fileOrDir, '', 'no such file or directory');
  }
  if (!stat.isDirectory()) return [fileOrDir];
  const out: string[] = [];
  const walk = (dir: string): void => {
    const names = fs.readdirSync(dir).sort();
    for (const name of names) {
      if (name.startsWith(TEMP_PREFIX) || name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const st = fs.statSync(full);
      if (st.isDirectory()) walk(full);
      else if (name.endsWith('.json') && !NON_ENTRY_FILES.has(name)) out.push(full);
    }
  };
  walk(fileOrDir);
  return out;
}

/** Load every entry under `fileOrDir` (recursively), sorted by path; the first bad file throws. */
export function loadCorpus(fileOrDir: string): LoadedEntry[] {
  return listEntryFiles(fileOrDir).map(loadEntryFile);
}
