/**
 * File-system failures as one-line messages (issue 10 "Nothing lost, nothing crashes"): a
 * write that fails (ENOSPC, EIO, EROFS, ...) names the file and the reason and becomes exit 3;
 * no Node stack trace reaches the user. Writers throw `WriteFailure`; `describeFsError` turns
 * any errno-carrying error into the short reason used in every message.
 */

/** Short reasons for the errno codes a user can meet; anything else shows its code. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a component of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  ENOENT: 'no such file or directory',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EBUSY: 'device or resource busy',
  EFBIG: 'file too large',
  EXDEV: 'cross-device link',
  ENXIO: 'no such device or address',
};

/**
 * True when `e` is an error raised by a system call (it carries an errno code and a syscall).
 * Duck-typed, not `instanceof Error`: errors raised by Node's core come from another realm
 * under vm contexts and test runners.
 */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as { code?: unknown; syscall?: unknown; message?: unknown };
  return typeof x.code === 'string' && typeof x.syscall === 'string' && typeof x.message === 'string';
}

/** `no space left on device (ENOSPC)`, or the error's own first line when it has no errno code. */
export function describeFsError(e: unknown): string {
  if (e instanceof WriteFailure) return e.reason;
  if (isFsError(e)) {
    const code = e.code!;
    return `${REASONS[code] ?? e.message.split('\n')[0]!.replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*)?$/, '')} (${code})`;
  }
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m.split('\n')[0]! : String(e);
}

/**
 * A write that failed: `file` is the file the caller meant to write (never a temp name), so
 * the message tells the user which output is missing. What was written before stays intact
 * (every write is atomic: atomic-write.ts). The CLI prints the message and exits 3.
 */
export class WriteFailure extends Error {
  /** Stable code for programs. */
  readonly code = 'LOCKSTEP_WRITE';
  /** The errno code of the failing system call, e.g. `ENOSPC` (undefined when not an errno error). */
  readonly errno: string | undefined;
  /** The short reason, e.g. `no space left on device (ENOSPC)`. */
  readonly reason: string;
  constructor(readonly file: string, cause: unknown) {
    const reason = describeFsError(cause);
    super(`cannot write ${file}: ${reason}`);
    this.name = 'WriteFailure';
    this.reason = reason;
    this.errno = isFsError(cause) ? cause.code : undefined;
  }
}

/** Run a write; any failure becomes a WriteFailure naming `file` (a WriteFailure passes through). */
export function asWriteFailure(file: string, e: unknown): WriteFailure {
  return e instanceof WriteFailure ? e : new WriteFailure(file, e);
}
