import type { ValueFormatter } from '../memory/cell';

/**
 * How a value is shown in traces and reports: the cell's formatter when it has one (e.g. the
 * qspinlock word as (tail,pending,locked)), else decimal for small values and hex above.
 */
export function formatValue(format: ValueFormatter | undefined, v: number): string {
  if (format !== undefined) {
    // a throwing formatter must not turn a traced run into a different outcome
    try {
      return format(v);
    } catch {
      return `${v} (formatter threw)`;
    }
  }
  return v < 0x10000 ? String(v) : `0x${v.toString(16)}`;
}
