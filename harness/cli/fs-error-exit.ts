import { WriteFailure, describeFsError, isFsError } from '../output/fs-failure';

/** System calls that only read: their failure is bad input (exit 2), every other one a failed write (exit 3). */
const READ_SYSCALLS: ReadonlySet<string> = new Set(['open', 'read', 'stat', 'lstat', 'fstat', 'scandir', 'readdir', 'opendir', 'access', 'readlink', 'realpath']);

/**
 * The one-line message and exit code of a file-system error that reached the CLI's top level
 * (DECISIONS.md item 5): an unusable output location is bad usage (2), a failed write a
 * harness error (3), an unreadable input bad input (2). Undefined for any other error.
 */
export function fsErrorExit(e: unknown): { message: string; exitCode: number } | undefined {
  // loaded on this error path only: output-location pulls atomic-write and node:crypto, ~5 ms
  // CPU of every start of `lockstep check` otherwise (issue 12 goal 3)
  const { OutputLocationError } = require('../output/output-location') as typeof import('../output/output-location');
  if (e instanceof OutputLocationError) return { message: e.message, exitCode: 2 };
  if (e instanceof WriteFailure) return { message: e.message, exitCode: 3 };
  if (!isFsError(e)) return undefined;
  const file = e.path ?? '(unknown path)';
  if (READ_SYSCALLS.has(e.syscall!)) return { message: `cannot read ${file}: ${describeFsError(e)}`, exitCode: 2 };
  return { message: `cannot write ${file}: ${describeFsError(e)}`, exitCode: 3 };
}
