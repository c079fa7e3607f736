/**
 * Atomic file writes: write a temp file in the target's own directory, fsync it, rename it
 * over the target, then fsync the directory. rename(2) within one file system is atomic, so a
 * crash or Ctrl-C leaves either the old file or the new one, never a half-written one; a
 * leftover temp file is named `.lockstep-tmp-*` (git-ignored, skipped by the corpus store).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asWriteFailure } from '../output/fs-failure';

/** Prefix of temp files; readers skip such files. */
export const TEMP_PREFIX = '.lockstep-tmp-';

/**
 * Write `data` to `file` atomically, creating parent directories. Any failure (ENOSPC, EROFS,
 * ENOTDIR, ...) throws a WriteFailure naming `file`, after removing the temp file, so the old
 * content of `file`, if any, stays as it was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw asWriteFailure(file, e);
  }
  // The temp name only has to be unique; it never influences a result (determinism rule).
  const tmp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomUUID()}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw asWriteFailure(file, e);
  }
  syncDir(dir);
}

/** fsync a directory so the rename itself is durable (best effort: not every platform allows it). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Append to `file` (GITHUB_STEP_SUMMARY): not atomic by nature, but done in one write call so
 * concurrent steps do not interleave mid-text.
 */
export function appendFileOnce(file: string, data: string): void {
  try {
    fs.appendFileSync(file, data);
  } catch (e) {
    throw asWriteFailure(file, e);
  }
}
