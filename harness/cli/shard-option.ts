import { CliError } from './cli-error';

/** Which shard of a campaign to run: `index` is 0-based (batch b runs on shard b mod count). */
export interface ShardSelection {
  readonly index: number;
  readonly count: number;
  /** Where it came from, for the start line and error messages (`--shard`, `LOCKSTEP_SHARD`, ...). */
  readonly source: string;
}

/** The environment variables `resolveShard` reads. */
export interface ShardEnv {
  readonly LOCKSTEP_SHARD?: string;
  readonly JOB_COMPLETION_INDEX?: string;
  readonly LOCKSTEP_SHARD_COUNT?: string;
}

const WHOLE: ShardSelection = { index: 0, count: 1, source: 'unsharded' };

/**
 * The shard to run, 1-based as in jest, vitest, Playwright and `node --test-shard`
 * (`--shard 1/4` .. `--shard 4/4`). Precedence: the `--shard I/N` flag, then
 * `LOCKSTEP_SHARD=I/N`, then a Kubernetes Indexed Job's 0-based `JOB_COMPLETION_INDEX` with
 * `LOCKSTEP_SHARD_COUNT=N` (JOB_COMPLETION_INDEX alone is ignored: any indexed job sets it).
 * Bad values throw a CliError (exit 2) naming the flag or variable.
 */
export function resolveShard(flag: string | undefined, env: ShardEnv): ShardSelection {
  if (flag !== undefined) return parseOneBased(flag, '--shard');
  const shardVar = nonEmpty(env.LOCKSTEP_SHARD);
  if (shardVar !== undefined) return parseOneBased(shardVar, 'LOCKSTEP_SHARD');
  const countVar = nonEmpty(env.LOCKSTEP_SHARD_COUNT);
  if (countVar === undefined) return WHOLE;
  const count = integer(countVar, 'LOCKSTEP_SHARD_COUNT', 1, `a shard count >= 1`);
  const indexVar = nonEmpty(env.JOB_COMPLETION_INDEX);
  if (indexVar === undefined) {
    throw new CliError('LOCKSTEP_SHARD_COUNT is set but JOB_COMPLETION_INDEX is not: set LOCKSTEP_SHARD=I/N instead (1-based), or run in a Kubernetes Indexed Job');
  }
  const index = integer(indexVar, 'JOB_COMPLETION_INDEX', 0, 'a 0-based completion index');
  if (index >= count) throw new CliError(`JOB_COMPLETION_INDEX=${index} is out of range for LOCKSTEP_SHARD_COUNT=${count} (expected 0..${count - 1}, the Job's completions)`);
  return { index, count, source: 'JOB_COMPLETION_INDEX' };
}

/** `I/N` as the user writes it (1 <= I <= N) in 0-based form. */
function parseOneBased(value: string, name: string): ShardSelection {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const what = name === '--shard' ? `--shard '${value}'` : `${name}='${value}'`;
  if (!m) throw new CliError(`${what}: expected I/N with 1 <= I <= N (e.g. 1/4 .. 4/4)`);
  const i = Number(m[1]);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`${what}: the shard count N must be >= 1`);
  if (i === 0) throw new CliError(`${what}: shards are numbered from 1 (as in jest, vitest and Playwright): use 1/${n} .. ${n}/${n}`);
  if (i > n) throw new CliError(`${what}: shard ${i} does not exist in ${n} shards (expected 1 <= I <= ${n})`);
  return { index: i - 1, count: n, source: name };
}

function integer(value: string, name: string, min: number, what: string): number {
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    throw new CliError(`${name}='${value}': expected ${what}`);
  }
  return Number(value);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** `3/4` (1-based), as the user wrote it, for messages. */
export function shardLabel(s: { readonly index: number; readonly count: number }): string {
  return `${s.index + 1}/${s.count}`;
}
