import { CliError } from './cli-error';
import { resolveShard, shardLabel } from './shard-option';

describe('resolveShard (1-based like jest, vitest, Playwright, node --test-shard)', () => {
  it('reads --shard I/N as 1..N and keeps the 0-based index inside', () => {
    expect(resolveShard('1/4', {})).toEqual({ index: 0, count: 4, source: '--shard' });
    expect(resolveShard('4/4', {})).toEqual({ index: 3, count: 4, source: '--shard' });
    expect(shardLabel(resolveShard('3/4', {}))).toBe('3/4');
    expect(resolveShard(undefined, {})).toEqual({ index: 0, count: 1, source: 'unsharded' });
  });

  it('rejects shard 0 with a hint, and I > N, N = 0, junk', () => {
    expect(() => resolveShard('0/4', {})).toThrow(/numbered from 1 .*use 1\/4 \.\. 4\/4/);
    expect(() => resolveShard('5/4', {})).toThrow(/shard 5 does not exist in 4 shards/);
    expect(() => resolveShard('1/0', {})).toThrow(/count N must be >= 1/);
    expect(() => resolveShard('first', {})).toThrow(/--shard 'first': expected I\/N/);
    try { resolveShard('0/2', {}); } catch (e) { expect((e as CliError).exitCode).toBe(2); }
  });

  it('flag > LOCKSTEP_SHARD > JOB_COMPLETION_INDEX with LOCKSTEP_SHARD_COUNT', () => {
    const env = { LOCKSTEP_SHARD: '2/3', JOB_COMPLETION_INDEX: '0', LOCKSTEP_SHARD_COUNT: '5' };
    expect(resolveShard('1/2', env)).toMatchObject({ index: 0, count: 2 });
    expect(resolveShard(undefined, env)).toEqual({ index: 1, count: 3, source: 'LOCKSTEP_SHARD' });
    expect(resolveShard(undefined, { ...env, LOCKSTEP_SHARD: '' })).toEqual({ index: 0, count: 5, source: 'JOB_COMPLETION_INDEX' });
    expect(() => resolveShard(undefined, { LOCKSTEP_SHARD: '3/2' })).toThrow(/^LOCKSTEP_SHARD='3\/2'/);
  });

  it('takes a Kubernetes Indexed Job index as 0-based, and only with LOCKSTEP_SHARD_COUNT', () => {
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '3', LOCKSTEP_SHARD_COUNT: '4' })).toMatchObject({ index: 3, count: 4 });
    // any Indexed Job sets JOB_COMPLETION_INDEX: alone it does not shard
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '3' })).toMatchObject({ index: 0, count: 1 });
    expect(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '4', LOCKSTEP_SHARD_COUNT: '4' })).toThrow(/out of range .*0\.\.3/);
    expect(() => resolveShard(undefined, { LOCKSTEP_SHARD_COUNT: '4' })).toThrow(/JOB_COMPLETION_INDEX is not/);
    expect(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: 'x', LOCKSTEP_SHARD_COUNT: '4' })).toThrow(/JOB_COMPLETION_INDEX='x'/);
    expect(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '0', LOCKSTEP_SHARD_COUNT: '0' })).toThrow(/LOCKSTEP_SHARD_COUNT='0'/);
  });
});
