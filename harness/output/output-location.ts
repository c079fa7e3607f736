/**
 * Validate an output location before any work starts (issue 10): `--out` and `--corpus` must
 * exist or be creatable, be a directory, and accept a probe write. A campaign that would only
 * find out at the end that its results cannot be saved is refused at once, with exit 2 and a
 * one-line message naming the flag, the path and the reason.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from './fs-failure';
import { TEMP_PREFIX } from '../corpus/atomic-write';

/** Size of the probe write: one file-system block, so a full disk fails the probe. */
const PROBE_BYTES = 4096;

/** Why an output location cannot be used (the CLI prints `lockstep: <message>`, exit 2). */
export class OutputLocationError extends Error {
  readonly code = 'LOCKSTEP_OUTPUT_LOCATION';
  constructor(readonly flag: string, readonly dir: string, readonly reason: string) {
    super(`${flag}: cannot write to '${dir}': ${reason}`);
    this.name = 'OutputLocationError';
  }
}

/**
 * Make sure `dir` is a usable output directory: create it (and its parents) when missing,
 * then write, sync and delete a probe file in it. Throws OutputLocationError naming `flag`.
 * Creating the directory is the only lasting effect.
 */
export function checkOutputLocation(dir: string, flag: string): void {
  const fail = (reason: string): never => { throw new OutputLocationError(flag, dir, reason); };
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(dir);
  } catch (e) {
    // missing, or a component is a file (ENOTDIR): say which one below
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') fail(describeFsError(e));
  }
  if (st !== undefined && !st.isDirectory()) fail('it exists and is not a directory');
  if (st === undefined) {
    const blocker = firstNonDirectoryAncestor(dir);
    if (blocker !== undefined) fail(`'${blocker}' is a file, not a directory`);
    try {
      mkdirStepwise(dir);
    } catch (e) {
      fail(`cannot create it: ${describeFsError(e)}`);
    }
  }
  const probe = path.join(dir, `${TEMP_PREFIX}probe-${process.pid}-${randomUUID()}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(probe, 'wx', 0o644);
    fs.writeSync(fd, Buffer.alloc(PROBE_BYTES, 0x20));
    fs.fsyncSync(fd);
  } catch (e) {
    fail(describeFsError(e));
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  }
}

/**
 * mkdir -p one component at a time: a recursive mkdir reports ENOENT when the real cause is
 * EROFS or EACCES on the first missing parent; this fails with the real one.
 */
function mkdirStepwise(dir: string): void {
  const missing: string[] = [];
  let p = path.resolve(dir);
  while (!fs.existsSync(p)) {
    missing.unshift(p);
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const m of missing) {
    try {
      fs.mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** The nearest existing ancestor of `dir` when it is not a directory (mkdir would fail with ENOTDIR). */
function firstNonDirectoryAncestor(dir: string): string | undefined {
  let p = path.normalize(dir);
  for (;;) {
    const parent = path.dirname(p);
    if (parent === p) return undefined;
    p = parent;
    try {
      return fs.statSync(p).isDirectory() ? undefined : p;
    } catch {
      // missing too: keep climbing
    }
  }
}
