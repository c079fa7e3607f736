import { CliError } from '../cli/cli-error';

/**
 * Strict number flags for the CLI: the whole string must be an integer (or a number) in
 * range; the message names the flag and what was expected (exit 2).
 */
export function intFlag(flag: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) < min || Number(s) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
    throw new CliError(`${flag}: expected ${range}, got '${raw}'`);
  }
  return Number(s);
}

/** A positive number (e.g. `--time 1.5`). */
export function positiveFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  const v = Number(s);
  if (s === '' || !/^\d*\.?\d+(e\d+)?$/i.test(s) || !Number.isFinite(v) || v <= 0) {
    throw new CliError(`${flag}: expected a positive number, got '${raw}'`);
  }
  return v;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new CliError(`${flag}: expected one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}
