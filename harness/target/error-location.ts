import * as path from 'node:path';

/** lockstep's own harness directory (source or dist): its frames are never the target's code. */
const HARNESS_DIR = path.resolve(__dirname, '..') + path.sep;

/**
 * `locks/lock.ts:12:7`: the first frame of `stack` in the user's code (not lockstep's harness,
 * not node_modules, not node internals), relative to the working directory when inside it;
 * undefined when there is none.
 */
export function errorLocation(stack: string): string | undefined {
  for (const m of stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^():\s]+):(\d+):(\d+)\)?/g)) {
    const file = m[1]!;
    if (file.includes(`${path.sep}node_modules${path.sep}`) || file.startsWith(HARNESS_DIR)) continue;
    const rel = path.relative(process.cwd(), file);
    return `${rel !== '' && !rel.startsWith('..') ? rel : file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
