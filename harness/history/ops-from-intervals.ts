import type { Operation } from './operation';

/** Compact description of one operation: [process, f, input, output, call, ret?, key?]. */
export type OpTuple = readonly [process: number, f: string, input: unknown, output: unknown, call: number, ret?: number, key?: string];

/**
 * Build a history from tuples (tests, hand-written examples): ids are the tuple indices;
 * an omitted `ret` means unknown outcome.
 */
export function opsFromIntervals(tuples: readonly OpTuple[]): Operation[] {
  return tuples.map(([process, f, input, output, call, ret, key], id) => ({
    id, process, f, input, output, call, ret, ...(key !== undefined ? { key } : {}),
  }));
}
