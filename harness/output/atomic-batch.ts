/**
 * Many atomic writes at once (issue 12 goal 4): every file is still written to a temp file in
 * its own directory, synced, and renamed over its target (atomic-write.ts), but the slow parts
 * run concurrently on libuv's thread pool instead of one after another on the main thread:
 * all temp files are written and fdatasync'ed in parallel, then renamed, then each directory
 * is fsync'ed once (not once per file). A crash leaves every file either old or new.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMP_PREFIX } from '../corpus/atomic-write';
import { asWriteFailure } from './fs-failure';

/** One file of a batch. */
export interface FileWrite {
  readonly file: string;
  readonly data: string | Uint8Array;
  /** Keep an existing file as it is (content-addressed corpus entries: same name, same content). */
  readonly keepExisting?: boolean;
}

/** Files written at the same time (bounded so a large batch cannot run out of descriptors). */
const PARALLEL = 16;

/**
 * Write `files` atomically; resolves with the files written (kept ones left out). On a
 * failure the batch's temp files are removed and a WriteFailure names the file that could not
 * be written; files renamed before the failure are complete and stay.
 */
export async function writeFilesAtomic(files: readonly FileWrite[]): Promise<string[]> {
  const dirs = [...new Set(files.map((f) => path.dirname(f.file)))];
  for (const dir of dirs) {
    try {
      await fs.promises.mkdir(dir, { recursive: true });
    } catch (e) {
      throw asWriteFailure(files.find((f) => path.dirname(f.file) === dir)!.file, e);
    }
  }
  const todo: { file: string; data: string | Uint8Array; tmp: string }[] = [];
  for (const f of files) {
    if (f.keepExisting && (await exists(f.file))) continue;
    // the temp name only has to be unique; it never influences a result
    todo.push({ file: f.file, data: f.data, tmp: path.join(path.dirname(f.file), `${TEMP_PREFIX}${process.pid}-${randomUUID()}`) });
  }
  const written: string[] = [];
  try {
    await inChunks(todo, (t) => writeSynced(t.tmp, t.data).catch((e: unknown) => { throw asWriteFailure(t.file, e); }));
    await inChunks(todo, async (t) => {
      try {
        await fs.promises.rename(t.tmp, t.file);
      } catch (e) {
        throw asWriteFailure(t.file, e);
      }
      written.push(t.file);
    });
  } catch (e) {
    await Promise.all(todo.map((t) => fs.promises.rm(t.tmp, { force: true }).catch(() => undefined)));
    throw e;
  }
  await Promise.all([...new Set(todo.map((t) => path.dirname(t.file)))].map(syncDir));
  return written.sort();
}

async function writeSynced(tmp: string, data: string | Uint8Array): Promise<void> {
  const fh = await fs.promises.open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

async function inChunks<T>(items: readonly T[], fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(fn));
}

/** fsync a directory so the renames in it are durable (best effort, as in atomic-write.ts). */
async function syncDir(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch {
    // some platforms and file systems refuse fsync on a directory; the renames are still atomic
  } finally {
    await fh?.close().catch(() => undefined);
  }
}
